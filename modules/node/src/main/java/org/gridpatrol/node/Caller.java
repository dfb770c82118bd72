package org.gridpatrol.node;

import java.util.List;
import org.gridpatrol.domain.access.AreaScope;
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
 */
record Caller(Kind kind, String name, String displayName, UserRole role, AreaScope scope, String officer,
              String team, String department, byte[] session) {

  enum Kind { USER, DEVICE, ADMIN_TOKEN }

  /** Whether the caller sees a thing placed at this cell, community, street or district code. */
  boolean sees(String code) {
    return scope.covers(code);
  }

  /** The areas to restrict a query to: null for the whole city. */
  List<String> areas() {
    return scope.isCity() ? null : scope.areas();
  }

  /** Whether a case of this cell and department is the caller's: in their areas, and their department's for a handler. */
  boolean seesCase(String cellCode, String caseDepartment) {
    return scope.covers(cellCode) && (role != UserRole.HANDLER || department.equals(caseDepartment));
  }
}
