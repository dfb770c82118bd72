package org.gridpatrol.domain.access;

import java.util.Locale;

/** What a person does in the city's grid management, which decides what they may do in GridPatrol. */
public enum UserRole {
  /** A patrol officer with a handheld: sends check-ins, reports cases, sees their own area. */
  OFFICER,
  /** Leads a street's patrol team: watches it, assigns and acknowledges cases. */
  TEAM_LEAD,
  /** Works in a control room (supervision or command centre): registers, dispatches, verifies and closes cases. */
  OPERATOR,
  /** Plans patrols: creates, changes and retires patrol plans. */
  PLANNER,
  /** Works for a department that handles cases: starts work on them and reports them handled. */
  HANDLER,
  /** Runs the system: people, devices, the grid, categories and policies. */
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not a role */
  public static UserRole fromWireName(String name) {
    for (UserRole role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role " + name
        + " (officer, team_lead, operator, planner, handler or admin)");
  }
}
