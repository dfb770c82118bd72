package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.access.Tokens;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.UserRepository.UserFields;
import org.gridpatrol.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account per role for the demo city, made when the database has no accounts yet, with fresh random
 * passwords written to {@value #FILE} in the data directory (readable by its owner only).
 */
final class DemoUsers {
  static final String FILE = "demo-users.csv";
  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  private record Demo(String username, String displayName, String role, String officer, String team,
                      String department) {}

  private static final List<Demo> DEMO = List.of(
      new Demo("admin", "系统管理员", "admin", null, null, null),
      new Demo("operator", "指挥中心值班员", "operator", null, null, null),
      new Demo("planner", "巡查计划员", "planner", null, null, null),
      new Demo("lead-001", "东华门街道巡查队队长", "team_lead", null, "T110101001", null),
      new Demo("handler-hwj", "环卫中心处置员", "handler", null, null, "HWJ"),
      new Demo("p0001", "巡查员 P0001", "officer", "P0001", null, null));

  private DemoUsers() {
  }

  /** The officer works in their community, the team lead in the team's street, the others see the whole city. */
  private static Future<List<String>> scope(UserRepository users, Demo demo) {
    if (demo.officer() != null) {
      return users.officerCommunity(demo.officer()).map(List::of);
    }
    if (demo.team() != null) {
      return users.teamStreet(demo.team()).map(List::of);
    }
    return Future.succeededFuture(List.of());
  }

  static Future<Void> createIfNone(UserRepository users, Passwords passwords, Clock clock, Path dataDir,
                                   Vertx vertx) {
    return users.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      StringBuilder csv = new StringBuilder("username,role,password\n");
      Future<Void> chain = Future.succeededFuture();
      for (Demo demo : DEMO) {
        String password = Tokens.random(9);
        csv.append(demo.username()).append(',').append(demo.role()).append(',').append(password).append('\n');
        chain = chain.compose(v -> vertx.executeBlocking(() -> passwords.hash(password), false))
            .compose(hash -> scope(users, demo)
                .compose(scope -> users.create(demo.username(), new UserFields(demo.displayName(),
                    demo.role(), scope, demo.officer(), demo.team(), demo.department(), hash),
                    clock.instant())))
            .mapEmpty();
      }
      Path file = dataDir.resolve(FILE);
      return chain.map(v -> {
        try {
          Files.writeString(file, csv);
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        LOG.info("Made {} demo accounts, one per role (passwords in {})", DEMO.size(), file);
        vertx.eventBus().publish(Addresses.USERS_CHANGED, "demo");
        return null;
      });
    });
  }
}
