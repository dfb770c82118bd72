package org.gridpatrol.domain.plan;

import static org.gridpatrol.domain.plan.WindowScheduleTest.BERLIN;
import static org.gridpatrol.domain.plan.WindowScheduleTest.NIGHT;
import static org.gridpatrol.domain.plan.WindowScheduleTest.SHANGHAI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.ShippedHolidays;

/** Ranges lie inside 2024-2026 (Shanghai) or 2026 (Berlin), so the calendar always has the data. */
class WindowSchedulePropertiesTest {
  private static final HolidayCalendar CN = ShippedHolidays.CN;
  private static final Instant SHANGHAI_START = ZonedDateTime.of(2024, 1, 1, 6, 0, 0, 0, SHANGHAI).toInstant();
  private static final Instant BERLIN_START = ZonedDateTime.of(2026, 1, 1, 6, 0, 0, 0, BERLIN).toInstant();

  @Property
  void nightWindowsInShanghaiAreEveryNightsEightHours(@ForAll @IntRange(max = 1_500_000) int fromMinute,
                                                      @ForAll @IntRange(min = 1, max = 60 * 24 * 40) int minutes) {
    Instant from = SHANGHAI_START.plus(Duration.ofMinutes(fromMinute));
    Instant to = from.plus(Duration.ofMinutes(minutes));
    List<WindowInstance> nights = WindowSchedule.between(NIGHT, CN, SHANGHAI, from, to);

    // The expected nights, worked out directly: each day's 22:00 to the next day's 06:00, if it overlaps.
    List<WindowInstance> expected = new ArrayList<>();
    for (LocalDate d = from.atZone(SHANGHAI).toLocalDate().minusDays(1);
         !d.isAfter(to.atZone(SHANGHAI).toLocalDate()); d = d.plusDays(1)) {
      Instant start = d.atTime(22, 0).atZone(SHANGHAI).toInstant();
      Instant end = d.plusDays(1).atTime(6, 0).atZone(SHANGHAI).toInstant();
      if (start.isBefore(to) && end.isAfter(from)) {
        expected.add(new WindowInstance("night", d, start, end));
      }
    }
    assertEquals(expected, nights);
    for (int i = 0; i < nights.size(); i++) {
      WindowInstance night = nights.get(i);
      assertEquals(Duration.ofHours(8), night.length());
      assertEquals(night.day(), night.start().atZone(SHANGHAI).toLocalDate());
      assertEquals("night@" + night.day(), night.id());
      if (i > 0) {
        assertEquals(nights.get(i - 1).day().plusDays(1), night.day());
        assertFalse(night.start().isBefore(nights.get(i - 1).end()));
      }
    }
  }

  @Property
  void windowsOfOneSpecAreOrderedAndDisjointAcrossClockChanges(
      @ForAll @IntRange(max = 24 * 60 - 1) int startMinute, @ForAll @IntRange(max = 24 * 60 - 1) int endMinute,
      @ForAll @IntRange(max = 350 * 24 * 60) int fromMinute, @ForAll @IntRange(max = 60 * 24 * 10) int minutes) {
    WindowSpec spec = new WindowSpec("w", LocalTime.MIN.plusMinutes(startMinute),
        LocalTime.MIN.plusMinutes(endMinute), DaySelector.onDayTypes(DayType.WORKING_DAY, DayType.REST_DAY));
    Instant from = BERLIN_START.plus(Duration.ofMinutes(fromMinute));
    Instant to = from.plus(Duration.ofMinutes(minutes));
    List<WindowInstance> windows = WindowSchedule.between(spec, CN, BERLIN, from, to);
    for (int i = 0; i < windows.size(); i++) {
      WindowInstance w = windows.get(i);
      assertTrue(w.start().isBefore(to) && w.end().isAfter(from), w::toString);
      assertTrue(w.length().compareTo(Duration.ofHours(25)) <= 0, w::toString);
      assertTrue(spec.days().selects(w.day(), CN));
      // The start is the spec's local start time, or later on the same night if it fell in the spring gap.
      LocalTime localStart = w.start().atZone(BERLIN).toLocalTime();
      assertTrue(localStart.equals(spec.start())
          || !localStart.isBefore(spec.start()) && w.start().atZone(BERLIN).toLocalDate().equals(w.day()), w::toString);
      if (i > 0) {
        assertFalse(w.start().isBefore(windows.get(i - 1).end()), "overlap: " + windows.get(i - 1) + ", " + w);
      }
    }
  }

  @Property
  void containingAndNextAgreeWithBetween(@ForAll @IntRange(max = 24 * 60 - 1) int startMinute,
                                         @ForAll @IntRange(max = 24 * 60 - 1) int endMinute,
                                         @ForAll @IntRange(max = 340 * 24 * 60) int minute) {
    WindowSpec spec = new WindowSpec("w", LocalTime.MIN.plusMinutes(startMinute),
        LocalTime.MIN.plusMinutes(endMinute), DaySelector.onDayTypes(DayType.WORKING_DAY, DayType.MAKEUP_WORKING_DAY));
    Instant t = BERLIN_START.plus(Duration.ofMinutes(minute));
    List<WindowInstance> around = WindowSchedule.between(spec, CN, BERLIN, t.minus(Duration.ofDays(2)),
        t.plus(Duration.ofDays(14)));
    assertEquals(around.stream().filter(w -> !w.start().isAfter(t) && w.end().isAfter(t)).findFirst(),
        WindowSchedule.containing(spec, CN, BERLIN, t));
    // Working days lie at most ten days apart in 2026 (Spring Festival), so the next one is among these.
    assertEquals(around.stream().filter(w -> w.start().isAfter(t)).findFirst(),
        WindowSchedule.next(spec, CN, BERLIN, t));
  }
}
