package org.gridpatrol.domain.plan;

import static org.gridpatrol.domain.plan.CellCoverage.Status.DUE_SOON;
import static org.gridpatrol.domain.plan.CellCoverage.Status.OK;
import static org.gridpatrol.domain.plan.CellCoverage.Status.OVERDUE;
import static org.gridpatrol.domain.plan.CellCoverage.Status.PENDING;
import static org.gridpatrol.domain.plan.CellCoverage.Status.SATISFIED_LATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.calendar.ShippedHolidays;
import org.gridpatrol.domain.plan.CellCoverage.Status;
import org.junit.jupiter.api.Test;

/** Against the night window of 2026-10-01, 22:00 to 06:00 in Shanghai; times are minutes into the window. */
class CoverageEvaluatorTest {
  static final WindowInstance NIGHT = WindowSchedule.on(WindowScheduleTest.NIGHT, ShippedHolidays.CN,
      WindowScheduleTest.SHANGHAI, LocalDate.of(2026, 10, 1)).get();
  static final int END = 480;
  private static final Requirement EVERY_TWO_HOURS =
      new Requirement(0, Duration.ofHours(2), null, Duration.ofMinutes(15));
  private static final Requirement THREE_VISITS = new Requirement(3, null, null, Duration.ofMinutes(10));

  static Instant m(int minutes) {
    return NIGHT.start().plus(Duration.ofMinutes(minutes));
  }

  static Visit checkIn(int minute) {
    return Visit.checkIn(m(minute));
  }

  static Visit run(int from, int to) {
    return new Visit(m(from), m(to), false);
  }

  private static CellCoverage at(int now, Requirement requirement, Visit... visits) {
    return CoverageEvaluator.evaluate(NIGHT, requirement, List.of(visits), m(now));
  }

  private static void assertStatus(Status expected, CellCoverage coverage) {
    assertEquals(expected, coverage.status(), coverage::toString);
  }

  @Test
  void whatWasMissedFollowsFromTheDeadlineAlone() {
    Requirement both = new Requirement(2, Duration.ofHours(2), null, Duration.ofMinutes(15));
    // Two cells never visited and one visited once: overdue since the same instant, the same words.
    Instant gapSince = at(200, both).overdueSince().orElseThrow();
    assertEquals(gapSince, at(200, both, checkIn(0)).overdueSince().orElseThrow());
    assertEquals("gap > 2h", CoverageEvaluator.missedAt(NIGHT, both, gapSince));
    Instant countSince = at(END + 20, THREE_VISITS, checkIn(10)).overdueSince().orElseThrow();
    assertEquals(m(END + 10), countSince);
    assertEquals("fewer than 3 visits", CoverageEvaluator.missedAt(NIGHT, THREE_VISITS, countSince));
  }

  @Test
  void aGapGrowsDueSoonThenOverdue() {
    CellCoverage pending = at(-1, EVERY_TWO_HOURS);
    assertStatus(PENDING, pending);
    assertEquals(Optional.of(m(135)), pending.nextDeadline());
    assertEquals(Duration.ZERO, pending.longestGap());

    assertStatus(OK, at(89, EVERY_TWO_HOURS));
    assertEquals(Duration.ofMinutes(89), at(89, EVERY_TWO_HOURS).longestGap());
    assertStatus(DUE_SOON, at(90, EVERY_TWO_HOURS)); // 30 minutes before the gap reaches 2 h
    assertStatus(DUE_SOON, at(134, EVERY_TWO_HOURS)); // missed, but within the grace

    CellCoverage overdue = at(135, EVERY_TWO_HOURS);
    assertStatus(OVERDUE, overdue);
    assertEquals(Optional.of(m(135)), overdue.overdueSince());
    assertEquals(overdue.overdueSince(), overdue.nextDeadline());
    assertEquals("gap 2h15m > 2h", overdue.missed());
  }

  @Test
  void aLateVisitMakesItGoodButTheLatenessIsKept() {
    CellCoverage madeGood = at(160, EVERY_TWO_HOURS, checkIn(150));
    assertStatus(SATISFIED_LATE, madeGood);
    assertEquals(Optional.empty(), madeGood.overdueSince());
    assertEquals(Optional.of(m(150 + 135)), madeGood.nextDeadline());
    assertEquals("gap 2h30m > 2h", madeGood.missed());

    // Visits every two hours from then on, to the end of the window and after it.
    CellCoverage done = at(END + 60, EVERY_TWO_HOURS, checkIn(150), checkIn(270), checkIn(390));
    assertStatus(SATISFIED_LATE, done);
    assertEquals(Optional.empty(), done.nextDeadline());
    assertEquals(Duration.ofMinutes(150), done.longestGap());
  }

  @Test
  void aVisitWithinTheGraceIsOnTime() {
    CellCoverage coverage = at(200, EVERY_TWO_HOURS, checkIn(130));
    assertStatus(OK, coverage);
    assertEquals("", coverage.missed());
    assertEquals(Duration.ofMinutes(130), coverage.longestGap());
  }

  @Test
  void aGapAtTheEndOfTheWindowCannotBeMadeGood() {
    // Last visit at 05:50 - 2h10m = 03:50; the gap passes 2 h at 05:50, the grace ends at 06:05.
    assertStatus(DUE_SOON, at(END, EVERY_TWO_HOURS, checkIn(110), checkIn(230), checkIn(350)));
    CellCoverage overdue = at(END + 5, EVERY_TWO_HOURS, checkIn(110), checkIn(230), checkIn(350));
    assertStatus(OVERDUE, overdue);
    assertEquals(Optional.of(m(485)), overdue.overdueSince());
    assertEquals("gap 2h10m > 2h", overdue.missed());
    // A visit after the window does not count for it.
    assertStatus(OVERDUE, at(END + 600, EVERY_TWO_HOURS, checkIn(110), checkIn(230), checkIn(350), checkIn(490)));
    // A gap that ends with the window within the limit is fine.
    CellCoverage fine = at(END + 600, EVERY_TWO_HOURS, checkIn(110), checkIn(230), checkIn(350), checkIn(360));
    assertStatus(OK, fine);
    assertEquals(Duration.ofHours(2), fine.longestGap());
  }

  @Test
  void tooFewVisitsAreOverdueAfterTheWindowAndItsGrace() {
    assertStatus(OK, at(449, THREE_VISITS, checkIn(60), checkIn(200)));
    assertStatus(DUE_SOON, at(450, THREE_VISITS, checkIn(60), checkIn(200)));
    assertStatus(DUE_SOON, at(END + 9, THREE_VISITS, checkIn(60), checkIn(200)));
    CellCoverage overdue = at(END + 10, THREE_VISITS, checkIn(60), checkIn(200), checkIn(END));
    assertStatus(OVERDUE, overdue);
    assertEquals(2, overdue.countedVisits().size());
    assertEquals(3, overdue.visitsNeeded());
    assertEquals("2 of 3 visits", overdue.missed());
    assertEquals(Optional.of(m(END + 10)), overdue.overdueSince());

    CellCoverage enough = at(END + 10, THREE_VISITS, checkIn(60), checkIn(200), checkIn(479));
    assertStatus(OK, enough);
    assertEquals(Optional.empty(), enough.nextDeadline());
  }

  @Test
  void bothRequirementsTogether() {
    Requirement both = new Requirement(2, Duration.ofHours(3), null, Duration.ZERO);
    CellCoverage coverage = at(260, both, checkIn(100), checkIn(250));
    assertStatus(OK, coverage);
    assertEquals(Optional.of(m(430)), coverage.nextDeadline()); // the gap after 250; the count is met
    CellCoverage one = at(120, both, checkIn(100));
    assertEquals(Optional.of(m(280)), one.nextDeadline());
    CellCoverage late = at(END, both, checkIn(100));
    assertStatus(OVERDUE, late);
    assertEquals("1 of 2 visits, gap 6h20m > 3h", late.missed());
  }

  @Test
  void dwellIsMeasuredInsideTheWindow() {
    Requirement dwell = new Requirement(1, null, Duration.ofMinutes(5), Duration.ZERO);
    assertEquals(0, at(100, dwell, run(10, 13)).countedVisits().size());
    assertEquals(List.of(checkIn(10)), at(100, dwell, run(10, 13), checkIn(10)).countedVisits());
    assertEquals(List.of(run(20, 25)), at(100, dwell, run(20, 25)).countedVisits());
    // 10 minutes in the cell, but only 4 of them in the window.
    assertEquals(0, at(100, dwell, run(-6, 4)).countedVisits().size());
    assertEquals(1, at(100, dwell, run(-6, 5)).countedVisits().size());
    assertEquals(0, at(END + 100, dwell, run(END - 4, END + 20)).countedVisits().size());
  }

  @Test
  void theWindowIncludesItsStartAndExcludesItsEnd() {
    Requirement any = new Requirement(1, null, null, Duration.ZERO);
    assertEquals(1, at(10, any, run(-5, 0)).countedVisits().size());
    assertEquals(0, at(10, any, run(-5, -1)).countedVisits().size());
    assertEquals(0, at(END + 10, any, run(END, END + 5)).countedVisits().size());
    assertEquals(1, at(END + 10, any, new Visit(m(END).minusNanos(1), m(END + 5), false)).countedVisits().size());
  }

  @Test
  void visitsAfterNowAreNotKnownYet() {
    Requirement dwell = new Requirement(1, null, Duration.ofMinutes(5), Duration.ZERO);
    assertEquals(0, at(100, dwell, checkIn(101)).countedVisits().size());
    assertEquals(0, at(100, dwell, run(97, 110)).countedVisits().size());
    assertEquals(1, at(102, dwell, run(97, 110)).countedVisits().size());
  }

  @Test
  void aRequirementThatCannotFailIsOk() {
    CellCoverage nothing = at(END + 60, new Requirement(0, null, null, Duration.ZERO));
    assertStatus(OK, nothing);
    assertEquals(Optional.empty(), nothing.nextDeadline());
    assertEquals(Duration.ofHours(8), nothing.longestGap());
    assertStatus(OK, at(END + 60, new Requirement(0, Duration.ofHours(8), null, Duration.ZERO)));
    assertStatus(PENDING, at(-10, new Requirement(0, null, null, Duration.ZERO)));
  }
}
