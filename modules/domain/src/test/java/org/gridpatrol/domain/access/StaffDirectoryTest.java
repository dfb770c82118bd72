package org.gridpatrol.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gridpatrol.domain.cases.Role;
import org.gridpatrol.domain.cases.Stage;
import org.junit.jupiter.api.Test;

class StaffDirectoryTest {
  private static final String CELL = "110101001001007";

  private final StaffDirectory staff = new StaffDirectory(List.of(
      person("hwj-street1", UserRole.HANDLER, "HWJ", "110101001"),
      person("hwj-district2", UserRole.HANDLER, "HWJ", "110102"),
      person("swj-city", UserRole.HANDLER, "SWJ"),
      person("lead-street1", UserRole.TEAM_LEAD, null, "110101001"),
      person("lead-street2", UserRole.TEAM_LEAD, null, "110101002"),
      person("op-street1", UserRole.OPERATOR, null, "110101001"),
      person("op-district1", UserRole.OPERATOR, null, "110101"),
      person("op-city", UserRole.OPERATOR, null),
      person("planner-city", UserRole.PLANNER, null)));

  private static StaffDirectory.Person person(String name, UserRole role, String department, String... areas) {
    return new StaffDirectory.Person(name, role, AreaScope.of(List.of(areas)), department);
  }

  @Test
  void whileADepartmentHandlesItItsHandlersThereAreReached() {
    assertEquals(List.of("hwj-street1"), staff.reach(Role.HANDLER, CELL, Stage.HANDLE, "HWJ"));
    assertEquals(List.of("swj-city"), staff.reach(Role.HANDLER, CELL, Stage.HANDLE, "SWJ"));
  }

  @Test
  void inTheOtherStagesTheControlRoomOverTheCellIs() {
    assertEquals(List.of("op-city", "op-district1", "op-street1"), staff.reach(Role.HANDLER, CELL, Stage.REGISTER, "HWJ"));
  }

  @Test
  void teamLeadsOfTheStreetDistrictAndCityCommand() {
    assertEquals(List.of("lead-street1"), staff.reach(Role.TEAM_LEAD, CELL, Stage.HANDLE, "HWJ"));
    assertEquals(List.of("hwj-street1"), staff.reach(Role.DEPARTMENT_HEAD, CELL, Stage.HANDLE, "HWJ"));
    assertEquals(List.of("op-city", "op-district1"), staff.reach(Role.DISTRICT_COMMAND, CELL, Stage.HANDLE, "HWJ"),
        "an operator of one street does not command the district");
    assertEquals(List.of("op-city"), staff.reach(Role.CITY_COMMAND, CELL, Stage.HANDLE, "HWJ"));
  }

  @Test
  void nobodyThereIsAnEmptyList() {
    assertEquals(List.of(), new StaffDirectory(List.of()).reach(Role.TEAM_LEAD, CELL, Stage.HANDLE, null));
    assertEquals(List.of(), staff.reach(Role.TEAM_LEAD, "110105001001001", Stage.HANDLE, null));
  }
}
