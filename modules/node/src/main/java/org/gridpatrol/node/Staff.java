package org.gridpatrol.node;

import io.vertx.core.Future;
import java.util.List;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.StaffDirectory;
import org.gridpatrol.domain.access.UserRole;
import org.gridpatrol.store.UserRepository;

/** The active accounts as escalation needs them, reloaded whenever any node changes an account. */
final class Staff {
  private final UserRepository users;
  private volatile StaffDirectory directory = new StaffDirectory(List.of());

  Staff(UserRepository users) {
    this.users = users;
  }

  StaffDirectory directory() {
    return directory;
  }

  Future<Void> reload() {
    return users.active().map(active -> {
      directory = new StaffDirectory(active.stream().map(user -> new StaffDirectory.Person(user.username(),
          UserRole.fromWireName(user.role()), AreaScope.of(user.areas()), user.department())).toList());
      return null;
    });
  }
}
