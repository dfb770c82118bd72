package org.gridpatrol.domain.plan;

import static org.gridpatrol.domain.plan.WindowScheduleTest.NIGHT;
import static org.gridpatrol.domain.plan.WindowScheduleTest.SHANGHAI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.ShippedHolidays;
import org.junit.jupiter.api.Test;

class PlanHistoryTest {
  private static final HolidayCalendar CN = ShippedHolidays.CN;
  private static final Requirement EVERY_TWO_HOURS =
      new Requirement(0, Duration.ofHours(2), null, Duration.ofMinutes(15));
  private static final Requirement THREE_VISITS = new Requirement(3, null, null, Duration.ZERO);
  private static final PlanVersion V1 = new PlanVersion(1, at("2026-01-01T00:00"), SHANGHAI, List.of(NIGHT),
      EVERY_TWO_HOURS);
  private static final PlanHistory HISTORY = PlanHistory.of(V1);

  private static Instant at(String localDateTime) {
    return WindowScheduleTest.at(localDateTime, SHANGHAI);
  }

  private static PlanVersion v2(String effectiveFrom, String start, String end) {
    return new PlanVersion(2, at(effectiveFrom), SHANGHAI,
        List.of(new WindowSpec("night", LocalTime.parse(start), LocalTime.parse(end), DaySelector.everyDay())),
        THREE_VISITS);
  }

  private static List<String> describe(List<PlannedWindow> windows) {
    return windows.stream().map(p -> p.window().id() + " v" + p.version().version() + " "
        + p.window().start().atZone(SHANGHAI).toLocalTime()).toList();
  }

  @Test
  void theVersionInEffectAtTheStartGoverns() {
    PlanVersion v2 = v2("2026-10-02T01:00", "22:00", "06:00");
    PlanHistory history = HISTORY.withVersion(v2, at("2026-10-01T23:30"));
    assertEquals(Optional.empty(), history.versionFor(at("2025-12-31T23:59")));
    assertEquals(Optional.of(V1), history.versionFor(at("2026-10-01T22:00")));
    assertEquals(Optional.of(v2), history.versionFor(at("2026-10-02T01:00")));
    // The night of Oct 1 was running when v2 took effect at 01:00: it stays under v1; the next night is v2's.
    assertEquals(List.of("night@2026-10-01 v1 22:00", "night@2026-10-02 v2 22:00"),
        describe(history.windows(CN, at("2026-10-01T12:00"), at("2026-10-03T12:00"))));
  }

  @Test
  void aChangeBetweenTwoStartsOfTheSameDayKeepsTheWindowThatStarted() {
    // v1's night of Oct 1 started at 22:00; v2, from 23:00, would start that night's window at 23:30.
    PlanHistory history = HISTORY.withVersion(v2("2026-10-01T23:00", "23:30", "07:00"), at("2026-10-01T22:30"));
    assertEquals(List.of("night@2026-10-01 v1 22:00", "night@2026-10-02 v2 23:30"),
        describe(history.windows(CN, at("2026-10-01T12:00"), at("2026-10-03T00:00"))));
    // Also when only v2's dropped window would overlap the range.
    assertEquals(List.of(), history.windows(CN, at("2026-10-02T06:30"), at("2026-10-02T07:00")));
  }

  @Test
  void aChangeBetweenTheNewAndTheOldStartLeavesThatDayWithoutTheWindow() {
    // As documented: v2 from 21:30 starts at 21:00, v1's 22:00 start is after v1 ended.
    PlanHistory history = HISTORY.withVersion(v2("2026-10-01T21:30", "21:00", "05:00"), at("2026-10-01T21:30"));
    assertEquals(List.of("night@2026-10-02 v2 21:00"),
        describe(history.windows(CN, at("2026-10-01T12:00"), at("2026-10-03T00:00"))));
    // Taking effect at midnight instead loses nothing.
    PlanHistory atMidnight = HISTORY.withVersion(v2("2026-10-02T00:00", "21:00", "05:00"), at("2026-10-01T21:30"));
    assertEquals(List.of("night@2026-10-01 v1 22:00", "night@2026-10-02 v2 21:00"),
        describe(atMidnight.windows(CN, at("2026-10-01T12:00"), at("2026-10-03T00:00"))));
  }

  @Test
  void aRetiredPlanStartsNoWindowsButFinishesTheRunningOne() {
    PlanHistory retired = HISTORY.retire(at("2026-10-02T01:00"), at("2026-10-01T23:00"));
    assertEquals(Optional.of(at("2026-10-02T01:00")), retired.retiredAt());
    assertEquals(List.of("night@2026-10-01 v1 22:00"),
        describe(retired.windows(CN, at("2026-10-01T12:00"), at("2026-10-05T00:00"))));
    assertEquals(Optional.empty(), retired.versionFor(at("2026-10-02T22:00")));
    assertThrows(IllegalStateException.class,
        () -> retired.withVersion(v2("2026-10-03T00:00", "22:00", "06:00"), at("2026-10-02T00:00")));
    assertThrows(IllegalStateException.class, () -> retired.retire(at("2026-10-03T00:00"), at("2026-10-02T00:00")));
    assertThrows(IllegalArgumentException.class, () -> HISTORY.retire(at("2026-10-01T00:00"), at("2026-10-02T00:00")));
  }

  @Test
  void theRecordIsNotRewritten() {
    assertThrows(IllegalArgumentException.class,
        () -> HISTORY.withVersion(v2("2026-10-01T00:00", "22:00", "06:00"), at("2026-10-01T00:01")));
    PlanVersion stale = new PlanVersion(1, at("2026-11-01T00:00"), SHANGHAI, List.of(NIGHT), THREE_VISITS);
    assertThrows(IllegalArgumentException.class, () -> HISTORY.withVersion(stale, at("2026-10-01T00:00")));
    PlanVersion early = new PlanVersion(2, at("2025-11-01T00:00"), SHANGHAI, List.of(NIGHT), THREE_VISITS);
    assertThrows(IllegalArgumentException.class, () -> new PlanHistory(List.of(V1, early), null));
  }

  @Test
  void aScheduledChangeCanBeReplacedBeforeItApplies() {
    PlanVersion v2 = v2("2026-11-01T00:00", "21:00", "05:00");
    PlanVersion v3 = new PlanVersion(3, at("2026-11-01T00:00"), SHANGHAI, List.of(NIGHT), THREE_VISITS);
    PlanHistory history = HISTORY.withVersion(v2, at("2026-10-01T00:00")).withVersion(v3, at("2026-10-02T00:00"));
    assertEquals(Optional.of(v3), history.versionFor(at("2026-11-01T21:00")));
    assertEquals(List.of("night@2026-11-01 v3 22:00"),
        describe(history.windows(CN, at("2026-11-01T12:00"), at("2026-11-02T12:00"))));
  }

  @Test
  void rejectsMalformedVersions() {
    assertThrows(IllegalArgumentException.class,
        () -> new PlanVersion(1, at("2026-01-01T00:00"), SHANGHAI, List.of(), EVERY_TWO_HOURS));
    assertThrows(IllegalArgumentException.class,
        () -> new PlanVersion(1, at("2026-01-01T00:00"), SHANGHAI, List.of(NIGHT, NIGHT), EVERY_TWO_HOURS));
    assertThrows(IllegalArgumentException.class,
        () -> new PlanVersion(0, at("2026-01-01T00:00"), SHANGHAI, List.of(NIGHT), EVERY_TWO_HOURS));
  }

  @Property
  void aChangeRewritesNoWindowStartedBeforeIt(@ForAll @IntRange(max = 30 * 24 * 60) int changeMinute,
                                              @ForAll @IntRange(max = 24 * 60 - 1) int startMinute,
                                              @ForAll @IntRange(max = 24 * 60 - 1) int endMinute) {
    Instant change = at("2026-10-01T00:00").plus(Duration.ofMinutes(changeMinute));
    PlanVersion v2 = new PlanVersion(2, change, SHANGHAI, List.of(new WindowSpec("night",
        LocalTime.MIN.plusMinutes(startMinute), LocalTime.MIN.plusMinutes(endMinute), DaySelector.everyDay())),
        THREE_VISITS);
    PlanHistory changed = HISTORY.withVersion(v2, change);
    Instant from = at("2026-09-25T00:00");
    Instant to = at("2026-11-05T00:00");

    List<PlannedWindow> before = HISTORY.windows(CN, from, to);
    List<PlannedWindow> after = changed.windows(CN, from, to);
    assertEquals(before.stream().filter(p -> p.window().start().isBefore(change)).toList(),
        after.stream().filter(p -> p.window().start().isBefore(change)).toList());
    Set<String> ids = new HashSet<>();
    for (PlannedWindow planned : after) {
      assertEquals(Optional.of(planned.version()), changed.versionFor(planned.window().start()));
      assertTrue(ids.add(planned.window().id()), "id used twice: " + planned.window().id());
    }
  }
}
