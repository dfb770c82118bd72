package org.gridpatrol.domain.cases;

import java.util.Arrays;
import java.util.List;

/** The case state machine: which actions a status allows and where they lead. */
public final class CaseWorkflow {
  private CaseWorkflow() {}

  public static List<CaseAction> allowedActions(CaseStatus status) {
    return Arrays.stream(CaseAction.values()).filter(action -> action.allowedFrom(status)).toList();
  }

  /**
   * The status after {@code action}.
   *
   * @param suspendedFrom the status a suspended case was suspended from (needed to resume it)
   * @throws IllegalTransitionException if the status does not allow the action
   */
  public static CaseStatus next(CaseStatus status, CaseStatus suspendedFrom, CaseAction action) {
    if (!action.allowedFrom(status)) {
      throw new IllegalTransitionException(status, action, allowedActions(status));
    }
    if (action == CaseAction.RESUME) {
      if (suspendedFrom == null || suspendedFrom == CaseStatus.SUSPENDED || suspendedFrom.isFinal()) {
        throw new IllegalStateException("a suspended case must remember an open status, not " + suspendedFrom);
      }
      return suspendedFrom;
    }
    return action.target();
  }
}
