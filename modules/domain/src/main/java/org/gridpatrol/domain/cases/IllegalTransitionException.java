package org.gridpatrol.domain.cases;

import java.util.List;

/** An action that the case's status does not allow; names the actions that it does. */
public final class IllegalTransitionException extends RuntimeException {
  private final transient List<CaseAction> allowed;

  public IllegalTransitionException(CaseStatus status, CaseAction action, List<CaseAction> allowed) {
    super("a " + status.wireName() + " case cannot be " + action.wireName() + "ed; allowed: "
        + (allowed.isEmpty() ? "nothing (the case is final)"
            : String.join(", ", allowed.stream().map(CaseAction::wireName).toList())));
    this.allowed = List.copyOf(allowed);
  }

  public List<CaseAction> allowed() {
    return allowed;
  }
}
