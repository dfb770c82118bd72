package org.gridpatrol.domain.cases;

import static org.gridpatrol.domain.cases.StageClockTest.OFFICE;
import static org.gridpatrol.domain.cases.StageClockTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridpatrol.domain.cases.EscalationPolicy.Card;
import org.gridpatrol.domain.cases.EscalationPolicy.Level;
import org.gridpatrol.domain.cases.EscalationPolicy.Trigger;
import org.gridpatrol.domain.cases.EscalationStep.Kind;
import org.junit.jupiter.api.Test;

class EscalationsTest {
  static final EscalationPolicy POLICY = new EscalationPolicy("test", List.of(), Set.of(), Duration.ofMinutes(30),
      List.of(new Level(Role.HANDLER, new Trigger.AtShare(0.8)),
          new Level(Role.TEAM_LEAD, new Trigger.AtDeadline()),
          new Level(Role.DEPARTMENT_HEAD, new Trigger.After(Duration.ofHours(2))),
          new Level(Role.DISTRICT_COMMAND, new Trigger.After(Duration.ofHours(4)))));

  /** Runs the escalation of a clock from its start to {@code until}, acknowledging levels at the given times. */
  private static List<EscalationStep> run(StageClock clock, Instant until, List<Instant> acknowledgements) {
    List<EscalationStep> steps = new ArrayList<>();
    EscalationState state = EscalationState.NONE;
    List<Instant> acks = new ArrayList<>(acknowledgements);
    while (true) {
      Optional<EscalationStep> next = Escalations.next(POLICY, clock, state, OFFICE);
      if (next.isEmpty() || next.get().dueAt().isAfter(until)) {
        return steps;
      }
      while (!acks.isEmpty() && !acks.get(0).isAfter(next.get().dueAt())) {
        acks.remove(0);
        state = state.acknowledged();
      }
      Optional<EscalationStep> afterAck = Escalations.next(POLICY, clock, state, OFFICE);
      if (!afterAck.equals(next)) {
        continue;
      }
      steps.add(next.get());
      state = Escalations.after(state, next.get(), next.get().dueAt());
    }
  }

  @Test
  void yellowAtEightyPercentRedAtTheDeadlineThenEachLevelAfterItsTimeout() {
    // 4 working hours from Monday 09:00: 80 % (3 h 12 min) at 13:42 after the lunch break, the limit at
    // 14:30; each level acknowledged ten minutes after it was reached, so nothing repeats.
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), OFFICE,
        at("2026-11-23T09:00"));
    List<EscalationStep> steps = run(clock, at("2026-11-23T23:00"), List.of(at("2026-11-23T13:52"),
        at("2026-11-23T14:40"), at("2026-11-23T16:40"), at("2026-11-23T20:40")));
    assertEquals(List.of(
        new EscalationStep(Kind.ESCALATE, 0, at("2026-11-23T13:42")),
        new EscalationStep(Kind.ESCALATE, 1, at("2026-11-23T14:30")),
        new EscalationStep(Kind.ESCALATE, 2, at("2026-11-23T16:30")),
        new EscalationStep(Kind.ESCALATE, 3, at("2026-11-23T20:30"))), steps);
    assertEquals(Card.YELLOW, POLICY.levels().get(0).card());
    assertEquals(Card.RED, POLICY.levels().get(1).card());
  }

  @Test
  void aLevelIsRepeatedUntilAcknowledgedAndAcknowledgingDoesNotStopTheClimb() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(10, TimeLimit.Unit.HOURS), OFFICE,
        at("2026-11-23T00:00"));
    // Yellow at 08:00, repeated 08:30, 09:00; acknowledged 09:10; red at 10:00 all the same.
    List<EscalationStep> steps = run(clock, at("2026-11-23T10:40"), List.of(at("2026-11-23T09:10")));
    assertEquals(List.of(
        new EscalationStep(Kind.ESCALATE, 0, at("2026-11-23T08:00")),
        new EscalationStep(Kind.REPEAT, 0, at("2026-11-23T08:30")),
        new EscalationStep(Kind.REPEAT, 0, at("2026-11-23T09:00")),
        new EscalationStep(Kind.ESCALATE, 1, at("2026-11-23T10:00")),
        new EscalationStep(Kind.REPEAT, 1, at("2026-11-23T10:30"))), steps);
  }

  @Test
  void nothingIsDueWhileSuspendedAndTimeoutsCountAgainFromTheResumption() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(1, TimeLimit.Unit.HOURS), OFFICE,
        at("2026-11-23T00:00"));
    EscalationState red = new EscalationState(1, at("2026-11-23T01:00"), at("2026-11-23T01:00"), 1);
    StageClock suspended = clock.suspend(at("2026-11-23T01:30"), OFFICE);
    assertTrue(Escalations.next(POLICY, suspended, red, OFFICE).isEmpty());
    Instant resumedAt = at("2026-11-24T09:00");
    assertEquals(Optional.of(new EscalationStep(Kind.ESCALATE, 2, at("2026-11-24T11:00"))),
        Escalations.next(POLICY, suspended.resume(resumedAt), red.resumedAt(resumedAt), OFFICE));
  }

  @Test
  void aLateStepDoesNotPushTheNextLevelBackButRepeatsCountFromWhenSent() {
    EscalationStep red = new EscalationStep(Kind.ESCALATE, 1, at("2026-11-23T10:00"));
    EscalationState after = Escalations.after(EscalationState.NONE, red, at("2026-11-23T10:07"));
    assertEquals(at("2026-11-23T10:00"), after.levelReachedAt());
    assertEquals(at("2026-11-23T10:07"), after.lastNotifiedAt());
  }

  @Test
  void theTopLevelOnlyRepeats() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(1, TimeLimit.Unit.HOURS), OFFICE,
        at("2026-11-23T00:00"));
    EscalationState top = new EscalationState(3, at("2026-11-23T07:00"), at("2026-11-23T07:00"), -1);
    assertEquals(Optional.of(new EscalationStep(Kind.REPEAT, 3, at("2026-11-23T07:30"))),
        Escalations.next(POLICY, clock, top, OFFICE));
    assertTrue(Escalations.next(POLICY, clock, top.acknowledged(), OFFICE).isEmpty());
  }
}
