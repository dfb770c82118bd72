package org.gridpatrol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.access.UserRole;
import org.junit.jupiter.api.Test;

class CallerTest {
  static Caller person(UserRole role, List<String> areas, String department) {
    return new Caller(Caller.Kind.USER, "someone", "Someone", role, AreaScope.of(areas), null, null, department, null,
        false);
  }

  @Test
  void aForbiddenAnswerReadsRightAndNamesWhoMay() {
    RequestException refused = person(UserRole.OPERATOR, List.of(), null).forbidden(Operation.MANAGE_USERS);
    assertEquals(403, refused.status());
    assertEquals(new FieldError("role", "forbidden", "an operator may not manage users (who may: admin)"),
        refused.error());
    assertTrue(person(UserRole.TEAM_LEAD, List.of(), null).forbidden(Operation.MANAGE_USERS).getMessage()
        .startsWith("a team lead may not"));
  }

  @Test
  void aHandlerSeesTheCasesOfTheirDepartmentInTheirAreas() {
    Caller handler = person(UserRole.HANDLER, List.of("110101001"), "HWJ");
    assertTrue(handler.seesCase("110101001001001", "HWJ"));
    assertFalse(handler.seesCase("110101001001001", "SZJ"), "another department's case");
    assertFalse(handler.seesCase("110101002001001", "HWJ"), "outside the areas");
    assertTrue(person(UserRole.OPERATOR, List.of(), null).seesCase("110101002001001", "SZJ"), "the whole city");
  }
}
