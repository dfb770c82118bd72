package org.gridpatrol.domain.cases;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.gridpatrol.domain.calendar.WorkingTime;

/**
 * Everything about a case that its time limits and escalation depend on: the status, the clock of the stage
 * running, and how far that stage has climbed its escalation policy.
 *
 * @param suspendedFrom  the status a suspended case returns to
 * @param stageSeq       counts stage runs (a stage run again after a reopen escalates afresh)
 * @param clock          the running stage's clock; null once the case is final
 * @param late           whether any stage of the case ever ran past its limit
 * @param handleDeadline when the case was due to be handled (the last handle stage's deadline), null before
 */
public record CaseState(CaseStatus status, CaseStatus suspendedFrom, int stageSeq, StageClock clock,
                        EscalationState escalation, boolean late, Instant handleDeadline) {

  public CaseState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(escalation, "escalation");
  }

  /** A new case in {@code status} (reported, registered or dispatched), its stage's clock starting now. */
  public static CaseState opened(CaseStatus status, Category category, WorkingTime workingTime, Instant now) {
    if (status.stage() == null) {
      throw new IllegalArgumentException("a case cannot open " + status.wireName());
    }
    CaseState none = new CaseState(status, null, 0, null, EscalationState.NONE, false, null);
    return none.enterStage(status.stage(), category, workingTime, now);
  }

  /**
   * The state after a person's action at {@code now}: the next stage starts with a fresh clock and
   * escalation; a suspension stops the clock, resuming starts it again; a final status stops everything.
   *
   * @throws IllegalTransitionException if the status does not allow the action
   */
  public CaseState apply(CaseAction action, Category category, WorkingTime workingTime, Instant now) {
    CaseStatus next = CaseWorkflow.next(status, suspendedFrom, action);
    boolean lateNow = late || (clock != null && clock.running() && deadlinePassed(workingTime, now));
    if (action == CaseAction.SUSPEND) {
      return new CaseState(next, status, stageSeq, clock.suspend(now, workingTime), escalation, lateNow,
          handleDeadline);
    }
    if (action == CaseAction.RESUME) {
      return new CaseState(next, null, stageSeq, clock.resume(now), escalation.resumedAt(now), lateNow,
          handleDeadline);
    }
    CaseState moved = new CaseState(next, null, stageSeq, clock, escalation, lateNow, handleDeadline);
    if (next.isFinal()) {
      return new CaseState(next, null, stageSeq, null, EscalationState.NONE, lateNow, handleDeadline);
    }
    // Starting work (dispatched -> in progress) stays in the handle stage: same clock, same escalation.
    return next.stage() == status.stage() && action != CaseAction.REOPEN ? moved
        : moved.enterStage(next.stage(), category, workingTime, now);
  }

  private CaseState enterStage(Stage stage, Category category, WorkingTime workingTime, Instant now) {
    StageClock started = StageClock.start(stage, category.limit(stage), workingTime, now);
    Instant handleBy = stage == Stage.HANDLE ? started.deadline(workingTime) : handleDeadline;
    return new CaseState(status, suspendedFrom, stageSeq + 1, started, EscalationState.NONE, late, handleBy);
  }

  private boolean deadlinePassed(WorkingTime workingTime, Instant now) {
    Instant deadline = clock.deadline(workingTime);
    return deadline != null && deadline.isBefore(now);
  }

  /** The next escalation step of the running stage, if any is due at some point. */
  public Optional<EscalationStep> nextStep(EscalationPolicy policy, WorkingTime workingTime) {
    return clock == null ? Optional.empty() : Escalations.next(policy, clock, escalation, workingTime);
  }

  /** The state once {@code step} is taken at {@code now}; a red card makes the case late. */
  public CaseState afterStep(EscalationPolicy policy, EscalationStep step, Instant now) {
    boolean red = policy.levels().get(step.level()).card() == EscalationPolicy.Card.RED;
    return new CaseState(status, suspendedFrom, stageSeq, clock, Escalations.after(escalation, step, now),
        late || red, handleDeadline);
  }

  /** Someone acknowledged the level reached: its repeats stop. */
  public CaseState acknowledged() {
    return new CaseState(status, suspendedFrom, stageSeq, clock, escalation.acknowledged(), late, handleDeadline);
  }
}
