package org.gridpatrol.domain.plan;

import static org.gridpatrol.domain.plan.CoverageEvaluatorTest.END;
import static org.gridpatrol.domain.plan.CoverageEvaluatorTest.NIGHT;
import static org.gridpatrol.domain.plan.CoverageEvaluatorTest.checkIn;
import static org.gridpatrol.domain.plan.CoverageEvaluatorTest.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.gridpatrol.domain.plan.CellCoverage.Status;

/** Against the 8-hour night window of CoverageEvaluatorTest; visits and now lie around it. */
class CoverageEvaluatorPropertiesTest {

  @Provide
  Arbitrary<Visit> visits() {
    return Combinators.combine(Arbitraries.integers().between(-90, END + 90), Arbitraries.integers().between(0, 90),
        Arbitraries.of(true, false)).as((start, length, explicit) -> explicit
        ? checkIn(start) : new Visit(m(start), m(start + length), false));
  }

  @Provide
  Arbitrary<Requirement> requirements() {
    return Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(30, 600).map(Duration::ofMinutes).injectNull(0.3),
        Arbitraries.integers().between(1, 30).map(Duration::ofMinutes).injectNull(0.5),
        Arbitraries.integers().between(0, 30).map(Duration::ofMinutes)).as(Requirement::new);
  }

  private static CellCoverage evaluate(Requirement requirement, List<Visit> visits, int now) {
    return CoverageEvaluator.evaluate(NIGHT, requirement, visits, m(now));
  }

  @Property
  void aVisitNeverMakesTheDeadlineEarlier(@ForAll("requirements") Requirement requirement,
                                          @ForAll @Size(max = 6) List<@From("visits") Visit> visits,
                                          @ForAll("visits") Visit added,
                                          @ForAll @IntRange(min = -60, max = 660) int now) {
    List<Visit> more = new ArrayList<>(visits);
    more.add(added);
    Optional<Instant> before = evaluate(requirement, visits, now).nextDeadline();
    Optional<Instant> after = evaluate(requirement, more, now).nextDeadline();
    // Empty means never.
    if (before.isEmpty()) {
      assertEquals(Optional.empty(), after);
    } else if (after.isPresent()) {
      assertFalse(after.get().isBefore(before.get()), before + " -> " + after);
    }
  }

  @Property
  void theRequiredNumberOfVisitsIsNeverOverdue(@ForAll @Size(min = 1, max = 6)
                                               List<@IntRange(max = 449) Integer> starts,
                                               @ForAll @IntRange(max = 30) int dwellMinutes,
                                               @ForAll @IntRange(max = 30) int graceMinutes,
                                               @ForAll @IntRange(max = 24 * 60) int afterEnd) {
    Duration dwell = dwellMinutes == 0 ? null : Duration.ofMinutes(dwellMinutes);
    Requirement requirement = new Requirement(starts.size(), null, dwell, Duration.ofMinutes(graceMinutes));
    // Runs that stay long enough, inside the window.
    List<Visit> visits = starts.stream().map(s -> new Visit(m(s), m(s + dwellMinutes), false)).toList();
    CellCoverage coverage = evaluate(requirement, visits, END + afterEnd);
    assertEquals(starts.size(), coverage.countedVisits().size());
    assertEquals(Status.OK, coverage.status(), coverage::toString);
    assertEquals("", coverage.missed());
  }

  @Property
  void theLongestGapLiesWithinTheWindow(@ForAll("requirements") Requirement requirement,
                                        @ForAll @Size(max = 8) List<@From("visits") Visit> visits,
                                        @ForAll @IntRange(min = -60, max = 660) int now) {
    Duration gap = evaluate(requirement, visits, now).longestGap();
    assertFalse(gap.isNegative());
    assertTrue(gap.compareTo(NIGHT.length()) <= 0, gap::toString);
  }

  @Property
  void aLateVisitThatMakesItGoodIsSatisfiedLate(@ForAll @IntRange(min = 30, max = 240) int gapMinutes,
                                               @ForAll @IntRange(max = 30) int graceMinutes,
                                               @ForAll @IntRange(min = 1, max = 200) int lateBy,
                                               @ForAll @IntRange(max = 600) int afterEnd) {
    int first = gapMinutes + graceMinutes + lateBy;
    // Check-ins from `first` on, every gapMinutes, the last one within gapMinutes of the window end.
    List<Visit> visits = new ArrayList<>();
    for (int at = first; at < END; at += gapMinutes) {
      visits.add(checkIn(at));
    }
    Requirement requirement = new Requirement(visits.size(), Duration.ofMinutes(gapMinutes), null,
        Duration.ofMinutes(graceMinutes));

    CellCoverage justBefore = evaluate(requirement, visits, first - 1);
    assertEquals(Status.OVERDUE, justBefore.status(), justBefore::toString);
    CellCoverage after = evaluate(requirement, visits, END + graceMinutes + afterEnd);
    assertEquals(Status.SATISFIED_LATE, after.status(), after::toString);
    assertNotEquals("", after.missed());
  }

  @Property
  void theOrderOfTheVisitsDoesNotMatter(@ForAll("requirements") Requirement requirement,
                                        @ForAll @Size(max = 8) List<@From("visits") Visit> visits,
                                        @ForAll @IntRange(min = -60, max = 660) int now, @ForAll Random random) {
    List<Visit> shuffled = new ArrayList<>(visits);
    Collections.shuffle(shuffled, random);
    assertEquals(evaluate(requirement, visits, now), evaluate(requirement, shuffled, now));
  }

  @Property
  void theDeadlineIsWhenItBecomesOverdueWithoutFurtherVisits(
      @ForAll("requirements") Requirement requirement, @ForAll @Size(max = 6) List<@From("visits") Visit> visits,
      @ForAll @IntRange(min = -60, max = 660) int now) {
    Instant t = m(now);
    // What is known at now: visits begun by then, ending at now at the latest.
    List<Visit> known = visits.stream().filter(v -> !v.start().isAfter(t))
        .map(v -> v.end().isAfter(t) ? new Visit(v.start(), t, v.explicit()) : v).toList();
    CellCoverage coverage = evaluate(requirement, visits, now);
    CellCoverage fromKnown = CoverageEvaluator.evaluate(NIGHT, requirement, known, t);
    assertEquals(List.of(coverage.status(), coverage.longestGap(), coverage.nextDeadline(), coverage.missed()),
        List.of(fromKnown.status(), fromKnown.longestGap(), fromKnown.nextDeadline(), fromKnown.missed()));
    assertEquals(coverage.status() == Status.OVERDUE, coverage.overdueSince().isPresent());
    if (coverage.status() == Status.OVERDUE) {
      assertEquals(coverage.overdueSince(), coverage.nextDeadline());
    } else if (coverage.nextDeadline().isPresent()) {
      Instant deadline = coverage.nextDeadline().get();
      assertTrue(deadline.isAfter(t));
      CellCoverage justBefore = CoverageEvaluator.evaluate(NIGHT, requirement, known, deadline.minusNanos(1));
      assertNotEquals(Status.OVERDUE, justBefore.status());
      CellCoverage then = CoverageEvaluator.evaluate(NIGHT, requirement, known, deadline);
      assertEquals(Status.OVERDUE, then.status(), then::toString);
      assertEquals(Optional.of(deadline), then.overdueSince());
    }
  }
}
