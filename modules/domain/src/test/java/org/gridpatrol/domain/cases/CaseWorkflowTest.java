package org.gridpatrol.domain.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseWorkflowTest {

  @Test
  void aCaseGoesFromReportToCloseThroughEveryStage() {
    CaseStatus status = CaseStatus.REPORTED;
    for (CaseAction action : List.of(CaseAction.REGISTER, CaseAction.DISPATCH, CaseAction.START,
        CaseAction.REPORT_BACK, CaseAction.CLOSE)) {
      status = CaseWorkflow.next(status, null, action);
    }
    assertEquals(CaseStatus.CLOSED, status);
    assertTrue(CaseWorkflow.allowedActions(CaseStatus.CLOSED).isEmpty(), "closed is final");
  }

  @Test
  void failedVerificationSendsTheCaseBackToTheDepartment() {
    assertEquals(CaseStatus.DISPATCHED, CaseWorkflow.next(CaseStatus.HANDLED, null, CaseAction.REOPEN));
    assertTrue(CaseAction.REOPEN.needsReason());
  }

  @Test
  void aSuspendedCaseResumesWhereItWas() {
    CaseStatus suspended = CaseWorkflow.next(CaseStatus.IN_PROGRESS, null, CaseAction.SUSPEND);
    assertEquals(CaseStatus.SUSPENDED, suspended);
    assertEquals(CaseStatus.IN_PROGRESS, CaseWorkflow.next(suspended, CaseStatus.IN_PROGRESS, CaseAction.RESUME));
    assertEquals(List.of(CaseAction.RESUME), CaseWorkflow.allowedActions(CaseStatus.SUSPENDED));
  }

  @Test
  void anIllegalActionNamesTheAllowedOnes() {
    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
        () -> CaseWorkflow.next(CaseStatus.REPORTED, null, CaseAction.CLOSE));
    assertEquals(List.of(CaseAction.REGISTER, CaseAction.REJECT, CaseAction.SUSPEND), e.allowed());
    assertTrue(e.getMessage().contains("register, reject, suspend"), e.getMessage());
    assertThrows(IllegalTransitionException.class, () -> CaseWorkflow.next(CaseStatus.CLOSED, null, CaseAction.REOPEN));
  }

  @Test
  void everyOpenStatusButSuspendedHasAStageAndEveryActionHasAWayOut() {
    for (CaseStatus status : CaseStatus.values()) {
      boolean clockRuns = !status.isFinal() && status != CaseStatus.SUSPENDED;
      assertEquals(clockRuns, status.stage() != null, status.toString());
      assertEquals(status.isFinal(), CaseWorkflow.allowedActions(status).isEmpty(), status.toString());
    }
  }

  @Test
  void wireNamesRoundTrip() {
    for (CaseAction action : CaseAction.values()) {
      assertEquals(action, CaseAction.fromWireName(action.wireName()));
    }
    assertEquals(CaseStatus.IN_PROGRESS, CaseStatus.fromWireName("in_progress"));
    assertThrows(IllegalArgumentException.class, () -> CaseAction.fromWireName("delete"));
  }
}
