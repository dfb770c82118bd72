package org.gridpatrol.web;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;
import org.gridpatrol.domain.access.AccessPolicy;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;

/**
 * Who made a request: a person logged in ({@code USER}), a handheld with its device token ({@code DEVICE}, acting as
 * its officer), or automation with the node's admin token ({@code ADMIN_TOKEN}).
 *
 * @param name       user name, the device's officer code, or "admin-token"
 * @param displayName what the pages show: the person's name (the officer code for a device)
 * @param officer    the officer code of an officer's account or handheld, else null
 * @param team       the team a team lead leads, else null
 * @param department the department a handler works for, else null
 * @param session    SHA-256 of the session token for a person, else null
 * @param passwordChangeRequired a person whose password someone else chose: they may only change it
 */
public record Caller(Kind kind, String name, String displayName, UserRole role, AreaScope scope, String officer,
              String team, String department, byte[] session, boolean passwordChangeRequired) {

  public enum Kind { USER, DEVICE, ADMIN_TOKEN }

  /** Where a {@link Guard} leaves the caller of a request it let on. */
  public static final String KEY = "caller";

  /** The caller of a request that a {@link Guard} let on. */
  public static Caller of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** The 403 for this caller trying {@code operation}, naming who may. */
  public RequestException forbidden(Operation operation) {
    String roles = AccessPolicy.rolesFor(operation).stream().map(UserRole::wireName).collect(Collectors.joining(", "));
    String roleName = role.wireName().replace('_', ' ');
    String article = "aeiou".indexOf(roleName.charAt(0)) >= 0 ? "an " : "a ";
    return new RequestException(403, "role", "forbidden", article + roleName + " may not "
        + operation.name().toLowerCase().replace('_', ' ') + " (who may: " + roles + ")");
  }

  /** Whether the caller sees a thing placed at this cell, community, street or district code. */
  public boolean sees(String code) {
    return scope.covers(code);
  }

  /** The areas to restrict a query to: null for the whole city. */
  public List<String> areas() {
    return scope.isCity() ? null : scope.areas();
  }

  /** Whether a case of this cell and department is the caller's: in their areas, and their department's for a handler. */
  public boolean seesCase(String cellCode, String caseDepartment) {
    return scope.covers(cellCode) && (role != UserRole.HANDLER || department.equals(caseDepartment));
  }

  /**
   * The areas to restrict a query to when the caller asks for one area only: that area if it lies inside the
   * caller's scope, the caller's areas inside it if it is larger, else nothing (an empty list); null (the whole
   * city) only for a city-wide caller asking for no area.
   */
  public List<String> areasWithin(String area) {
    if (area == null) {
      return areas();
    }
    if (scope.covers(area)) {
      return List.of(area);
    }
    return scope.areas().stream().filter(mine -> mine.startsWith(area)).toList();
  }
}
