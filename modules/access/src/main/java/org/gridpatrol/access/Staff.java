package org.gridpatrol.access;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.StaffDirectory;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The active accounts as escalation needs them, reloaded whenever any node changes an account. */
public final class Staff {
  private static final Logger LOG = LoggerFactory.getLogger(Staff.class);

  private final UserRepository users;
  private volatile StaffDirectory directory = new StaffDirectory(List.of());

  public Staff(UserRepository users) {
    this.users = users;
  }

  public StaffDirectory directory() {
    return directory;
  }

  /** Loads the accounts, and reloads them whenever any node changes one ({@link Addresses#USERS_CHANGED}). */
  public Future<Void> start(EventBus eventBus) {
    eventBus.consumer(Addresses.USERS_CHANGED, message -> reload()
        .onFailure(failure -> LOG.error("Reloading the accounts failed", failure)));
    return reload();
  }

  private Future<Void> reload() {
    return users.active().map(active -> {
      directory = new StaffDirectory(active.stream().map(user -> new StaffDirectory.Person(user.username(),
          UserRole.fromWireName(user.role()), AreaScope.of(user.areas()), user.department())).toList());
      return null;
    });
  }
}
