package org.gridpatrol.domain.cases;

import java.util.Locale;

/**
 * Who an escalation level reaches, each in the area of the case: the one responsible for the current stage
 * (the supervision centre for registering and verifying, the command centre for dispatching, the department
 * for handling), the team lead of the cell's street, the head of the department, the district's command
 * centre, the city's command centre.
 */
public enum Role {
  HANDLER, TEAM_LEAD, DEPARTMENT_HEAD, DISTRICT_COMMAND, CITY_COMMAND;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not a role */
  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role " + name
        + " (handler, team_lead, department_head, district_command or city_command)");
  }

  /**
   * The area this role is reached in for a case in {@code cellCode} at {@code stage}: a department code, a
   * street (9 digits), a district (6 digits) or a city (4 digits and 00).
   */
  public String area(String cellCode, Stage stage, String department) {
    String district = cellCode.substring(0, 6);
    return switch (this) {
      case HANDLER -> stage == Stage.HANDLE && department != null ? department : district;
      case TEAM_LEAD -> cellCode.substring(0, 9);
      case DEPARTMENT_HEAD -> department != null ? department : district;
      case DISTRICT_COMMAND -> district;
      case CITY_COMMAND -> cellCode.substring(0, 4) + "00";
    };
  }
}
