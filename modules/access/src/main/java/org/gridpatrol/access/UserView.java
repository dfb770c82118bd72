package org.gridpatrol.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.gridpatrol.store.UserRepository.UserRecord;
import org.gridpatrol.web.CityClock;

/** An account as the API shows it (never its password hash). */
final class UserView {
  private final CityClock time;

  UserView(CityClock time) {
    this.time = time;
  }

  JsonObject json(UserRecord user) {
    return new JsonObject()
        .put("username", user.username())
        .put("displayName", user.displayName())
        .put("role", user.role())
        .put("areas", new JsonArray(user.areas()))
        .put("officer", user.officer())
        .put("team", user.team())
        .put("department", user.department())
        .put("createdAt", time.local(user.createdAt()))
        .put("updatedAt", time.local(user.updatedAt()))
        .put("disabled", user.disabledAt() != null)
        .put("lockedUntil", time.local(user.lockedUntil()))
        .put("passwordChangeRequired", user.passwordChangeRequired());
  }
}
