package org.gridpatrol.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.gridpatrol.domain.cases.CaseAction;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  @Test
  void everyoneMayLookButOnlyAdministratorsRunTheSystem() {
    for (UserRole role : UserRole.values()) {
      assertTrue(AccessPolicy.allows(role, Operation.VIEW), role + " may view");
      boolean admin = role == UserRole.ADMIN;
      assertEquals(admin, AccessPolicy.allows(role, Operation.MANAGE_USERS), role + " managing users");
      assertEquals(admin, AccessPolicy.allows(role, Operation.CONFIGURE_CASES), role + " configuring cases");
      assertEquals(admin, AccessPolicy.allows(role, Operation.VIEW_METRICS), role + " reading metrics");
    }
  }

  @Test
  void theWorkIsDividedAsInTheCity() {
    assertEquals(EnumSet.of(UserRole.OFFICER, UserRole.TEAM_LEAD, UserRole.OPERATOR, UserRole.ADMIN),
        AccessPolicy.rolesFor(Operation.REPORT_CASES));
    assertEquals(EnumSet.of(UserRole.PLANNER, UserRole.ADMIN), AccessPolicy.rolesFor(Operation.EDIT_PLANS));
    assertEquals(EnumSet.of(UserRole.OPERATOR, UserRole.ADMIN), AccessPolicy.rolesFor(Operation.SUPERVISE_CASES));
    assertEquals(EnumSet.of(UserRole.HANDLER, UserRole.ADMIN), AccessPolicy.rolesFor(Operation.HANDLE_CASES));
    assertFalse(AccessPolicy.allows(UserRole.PLANNER, Operation.REPORT_CASES));
    assertFalse(AccessPolicy.allows(UserRole.OFFICER, Operation.ACKNOWLEDGE_CASES));
  }

  @Test
  void departmentsStartAndReportBackTheControlRoomDoesTheRest() {
    for (CaseAction action : CaseAction.values()) {
      Operation expected = action == CaseAction.START || action == CaseAction.REPORT_BACK
          ? Operation.HANDLE_CASES : Operation.SUPERVISE_CASES;
      assertEquals(expected, AccessPolicy.forCaseAction(action), action.name());
    }
  }
}
