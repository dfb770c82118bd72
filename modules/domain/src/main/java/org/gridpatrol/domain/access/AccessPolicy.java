package org.gridpatrol.domain.access;

import static org.gridpatrol.domain.access.Operation.ACKNOWLEDGE_CASES;
import static org.gridpatrol.domain.access.Operation.ASSIGN_CASES;
import static org.gridpatrol.domain.access.Operation.COMMENT_CASES;
import static org.gridpatrol.domain.access.Operation.EDIT_PLANS;
import static org.gridpatrol.domain.access.Operation.HANDLE_CASES;
import static org.gridpatrol.domain.access.Operation.REPORT_CASES;
import static org.gridpatrol.domain.access.Operation.SUPERVISE_CASES;
import static org.gridpatrol.domain.access.Operation.VIEW;
import static org.gridpatrol.domain.access.Operation.VIEW_EVALUATION;
import static org.gridpatrol.domain.access.Operation.VIEW_NOTIFICATIONS;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.domain.cases.CaseAction;

/**
 * Which role may do what. Where an operation touches something placed in the grid, the person's
 * {@link AreaScope} decides in addition; handlers see the cases of their own department only. Check-ins are
 * not here: they come from handhelds with device tokens, each acting as its officer.
 */
public final class AccessPolicy {
  private static final Map<UserRole, Set<Operation>> ALLOWED = new EnumMap<>(UserRole.class);

  static {
    ALLOWED.put(UserRole.OFFICER, EnumSet.of(VIEW, REPORT_CASES, COMMENT_CASES));
    ALLOWED.put(UserRole.TEAM_LEAD, EnumSet.of(VIEW, REPORT_CASES, ASSIGN_CASES, ACKNOWLEDGE_CASES, COMMENT_CASES,
        VIEW_EVALUATION));
    ALLOWED.put(UserRole.OPERATOR, EnumSet.of(VIEW, REPORT_CASES, SUPERVISE_CASES, ASSIGN_CASES, ACKNOWLEDGE_CASES,
        COMMENT_CASES, VIEW_EVALUATION, VIEW_NOTIFICATIONS));
    ALLOWED.put(UserRole.PLANNER, EnumSet.of(VIEW, EDIT_PLANS, VIEW_EVALUATION));
    ALLOWED.put(UserRole.HANDLER, EnumSet.of(VIEW, HANDLE_CASES, ACKNOWLEDGE_CASES, COMMENT_CASES));
    ALLOWED.put(UserRole.ADMIN, EnumSet.allOf(Operation.class));
  }

  private AccessPolicy() {
  }

  public static boolean allows(UserRole role, Operation operation) {
    return ALLOWED.get(role).contains(operation);
  }

  /** Departments start and report back their work; the control room does every other step of a case. */
  public static Operation forCaseAction(CaseAction action) {
    return action == CaseAction.START || action == CaseAction.REPORT_BACK ? HANDLE_CASES : SUPERVISE_CASES;
  }

  /** The roles that may do an operation, for error messages. */
  public static Set<UserRole> rolesFor(Operation operation) {
    Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
    ALLOWED.forEach((role, operations) -> {
      if (operations.contains(operation)) {
        roles.add(role);
      }
    });
    return roles;
  }
}
