package org.gridpatrol.domain.cases;

import java.time.Instant;
import java.util.Optional;
import org.gridpatrol.domain.calendar.WorkingTime;
import org.gridpatrol.domain.cases.EscalationPolicy.Level;
import org.gridpatrol.domain.cases.EscalationPolicy.Trigger;

/**
 * The escalation state machine: given a stage's clock, its policy and how far it has climbed, which step
 * comes next and when; and the state once a step is taken. Nothing is due while the clock stands still
 * (a suspended case).
 */
public final class Escalations {
  private Escalations() {}

  public static Optional<EscalationStep> next(EscalationPolicy policy, StageClock clock, EscalationState state,
                                              WorkingTime workingTime) {
    if (!clock.running()) {
      return Optional.empty();
    }
    EscalationStep step = null;
    int nextLevel = state.level() + 1;
    if (nextLevel < policy.levels().size()) {
      Level level = policy.levels().get(nextLevel);
      Instant due;
      if (level.trigger() instanceof Trigger.AtShare share) {
        due = clock.momentAtShare(share.share(), workingTime);
      } else if (level.trigger() instanceof Trigger.After after) {
        due = state.levelReachedAt().plus(after.timeout());
      } else {
        due = clock.deadline(workingTime);
      }
      step = new EscalationStep(EscalationStep.Kind.ESCALATE, nextLevel, due);
    }
    if (state.level() >= 0 && state.acknowledgedLevel() < state.level() && policy.repeatEvery() != null) {
      Instant repeat = state.lastNotifiedAt().plus(policy.repeatEvery());
      if (step == null || repeat.isBefore(step.dueAt())) {
        step = new EscalationStep(EscalationStep.Kind.REPEAT, state.level(), repeat);
      }
    }
    return Optional.ofNullable(step);
  }

  /**
   * The state after {@code step} was taken at {@code now}. A level counts as reached when it was due, so a
   * late step does not push the next level's timeout back; repeats count from when they were sent, so a
   * node that was down does not send a burst of missed repeats.
   */
  public static EscalationState after(EscalationState state, EscalationStep step, Instant now) {
    return switch (step.kind()) {
      case ESCALATE -> new EscalationState(step.level(), step.dueAt(), now, state.acknowledgedLevel());
      case REPEAT -> new EscalationState(state.level(), state.levelReachedAt(), now, state.acknowledgedLevel());
    };
  }
}
