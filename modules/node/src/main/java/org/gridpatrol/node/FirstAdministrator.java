package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.access.Passwords;
import org.gridpatrol.domain.access.Tokens;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.UserRepository;
import org.gridpatrol.store.UserRepository.UserFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real city's first start: no accounts at all, so one administrator account {@code admin} is made with a
 * random password, which the node prints once on its console (never into the log) for the person starting it.
 * The password is for one use: the account can do nothing but change it.
 */
final class FirstAdministrator {
  static final String USERNAME = "admin";
  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

  private FirstAdministrator() {
  }

  /** The new administrator's password, or empty when the database has accounts already. */
  static Future<Optional<String>> createIfNoAccounts(UserRepository users, Passwords passwords, Clock clock,
                                                     Vertx vertx) {
    return users.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture(Optional.empty());
      }
      String password = Tokens.random(12);
      return vertx.executeBlocking(() -> passwords.hash(password), false)
          .compose(hash -> users.create(USERNAME, new UserFields("系统管理员", "admin", List.of(), null, null, null, hash),
              clock.instant()))
          .compose(created -> users.requirePasswordChange(USERNAME))
          .map(created -> {
            LOG.info("No accounts yet: made the first administrator account '{}' (its password is on the console)",
                USERNAME);
            vertx.eventBus().publish(Addresses.USERS_CHANGED, USERNAME);
            return Optional.of(password);
          });
    });
  }
}
