package org.gridpatrol.domain.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.ShippedHolidays;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.junit.jupiter.api.Test;

class WindowScheduleTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final HolidayCalendar CN = ShippedHolidays.CN;
  static final WindowSpec NIGHT = night(DaySelector.everyDay());

  static WindowSpec night(DaySelector days) {
    return new WindowSpec("night", LocalTime.of(22, 0), LocalTime.of(6, 0), days);
  }

  static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static List<String> ids(List<WindowInstance> windows) {
    return windows.stream().map(WindowInstance::id).toList();
  }

  @Test
  void aNightWindowBelongsToTheDayItStartsOn() {
    List<WindowInstance> nights = WindowSchedule.between(NIGHT, CN, SHANGHAI,
        at("2026-01-01T00:00", SHANGHAI), at("2026-01-03T00:00", SHANGHAI));
    assertEquals(List.of("night@2025-12-31", "night@2026-01-01", "night@2026-01-02"), ids(nights));
    WindowInstance newYearsEve = nights.get(0);
    assertEquals(at("2025-12-31T22:00", SHANGHAI), newYearsEve.start());
    assertEquals(at("2026-01-01T06:00", SHANGHAI), newYearsEve.end());
    assertEquals(Duration.ofHours(8), newYearsEve.length());
  }

  @Test
  void monthEnd() {
    WindowInstance night = WindowSchedule.containing(NIGHT, CN, SHANGHAI, at("2026-03-01T05:59", SHANGHAI)).get();
    assertEquals("night@2026-02-28", night.id());
    assertEquals(at("2026-03-01T06:00", SHANGHAI), night.end());
  }

  @Test
  void theLastNightOfACoveredYearNeedsNoDataForTheNextYear() {
    // The working-day night patrol of Dec 31, 2026 runs into 2027, which the calendar does not cover.
    WindowSpec workingNights = night(DaySelector.onDayTypes(DayType.WORKING_DAY));
    Instant newYearsNight = at("2027-01-01T03:00", SHANGHAI);
    assertEquals("night@2026-12-31", WindowSchedule.containing(workingNights, CN, SHANGHAI, newYearsNight).get().id());
    // The question about the night of Jan 1, 2027 itself needs 2027.
    assertThrows(YearNotCoveredException.class,
        () -> WindowSchedule.containing(workingNights, CN, SHANGHAI, at("2027-01-01T23:00", SHANGHAI)));
  }

  @Test
  void theFirstMorningOfTheCoveredYearsNeedsTheDayBefore() {
    // As documented: the night of Dec 31, 2023 is still running at 2024-01-01 00:00 and the calendar has no 2023.
    WindowSpec workingNights = night(DaySelector.onDayTypes(DayType.WORKING_DAY));
    assertThrows(YearNotCoveredException.class, () -> WindowSchedule.between(workingNights, CN, SHANGHAI,
        at("2024-01-01T00:00", SHANGHAI), at("2024-01-02T00:00", SHANGHAI)));
    // From 06:00 on that night is over, and a day window never needs the day before.
    assertEquals(List.of(), WindowSchedule.between(workingNights, CN, SHANGHAI,
        at("2024-01-01T06:00", SHANGHAI), at("2024-01-02T00:00", SHANGHAI)));
    WindowSpec office = new WindowSpec("day", LocalTime.of(8, 0), LocalTime.of(17, 0),
        DaySelector.onDayTypes(DayType.WORKING_DAY));
    assertEquals(List.of("day@2024-01-02"), ids(WindowSchedule.between(office, CN, SHANGHAI,
        at("2024-01-01T00:00", SHANGHAI), at("2024-01-03T00:00", SHANGHAI))));
  }

  @Test
  void longHolidayNights() {
    WindowSpec holidayNights = night(DaySelector.duringHolidayPeriods("national_day"));
    List<WindowInstance> nights = WindowSchedule.between(holidayNights, CN, SHANGHAI,
        at("2026-09-01T00:00", SHANGHAI), at("2026-11-01T00:00", SHANGHAI));
    assertEquals(List.of("night@2026-10-01", "night@2026-10-02", "night@2026-10-03", "night@2026-10-04",
        "night@2026-10-05", "night@2026-10-06", "night@2026-10-07"), ids(nights));
    assertEquals(at("2026-10-08T06:00", SHANGHAI), nights.get(6).end());
    assertEquals(Optional.of(nights.get(0)),
        WindowSchedule.next(holidayNights, CN, SHANGHAI, at("2026-06-01T00:00", SHANGHAI)));
  }

  @Test
  void nextLooksAheadWithinTheCalendarOrTheSelectorsOwnDates() {
    Instant t = at("2026-10-01T22:00", SHANGHAI);
    assertEquals("night@2026-10-01", WindowSchedule.containing(NIGHT, CN, SHANGHAI, t).get().id());
    assertEquals("night@2026-10-02", WindowSchedule.next(NIGHT, CN, SHANGHAI, t).get().id());
    assertEquals(Optional.empty(), WindowSchedule.containing(NIGHT, CN, SHANGHAI, at("2026-10-02T06:00", SHANGHAI)));

    WindowSpec once = night(DaySelector.onDates(LocalDate.of(2026, 10, 1)));
    assertEquals(Optional.empty(), WindowSchedule.next(once, CN, SHANGHAI, at("2026-12-01T00:00", SHANGHAI)));
    // National Day 2027 is not announced yet.
    WindowSpec holidayNights = night(DaySelector.duringHolidayPeriods("national_day"));
    assertThrows(YearNotCoveredException.class,
        () -> WindowSchedule.next(holidayNights, CN, SHANGHAI, at("2026-10-08T00:00", SHANGHAI)));
  }

  @Test
  void aWholeDayWindow() {
    WindowSpec allDay = new WindowSpec("all", LocalTime.of(8, 0), LocalTime.of(8, 0), DaySelector.everyDay());
    List<WindowInstance> days = WindowSchedule.between(allDay, CN, SHANGHAI,
        at("2026-05-01T08:00", SHANGHAI), at("2026-05-03T08:00", SHANGHAI));
    assertEquals(List.of("all@2026-05-01", "all@2026-05-02"), ids(days));
    assertEquals(Duration.ofHours(24), days.get(0).length());
    assertEquals(days.get(0).end(), days.get(1).start());
  }

  @Test
  void nightsOverTheClockChangesInBerlin() {
    // 2026: clocks go forward on Sunday March 29 at 02:00 and back on Sunday October 25 at 03:00.
    assertEquals(Duration.ofHours(7), WindowSchedule.on(NIGHT, CN, BERLIN, LocalDate.of(2026, 3, 28)).get().length());
    assertEquals(Duration.ofHours(9), WindowSchedule.on(NIGHT, CN, BERLIN, LocalDate.of(2026, 10, 24)).get().length());
    assertEquals(Duration.ofHours(8), WindowSchedule.on(NIGHT, CN, BERLIN, LocalDate.of(2026, 3, 29)).get().length());
  }

  @Test
  void aWindowInsideTheSpringGapIsSkipped() {
    WindowSpec small = new WindowSpec("small", LocalTime.of(2, 30), LocalTime.of(3, 30), DaySelector.everyDay());
    // 02:30 does not exist on March 29 and moves to 03:30, the window's end: nothing is left.
    assertEquals(Optional.empty(), WindowSchedule.on(small, CN, BERLIN, LocalDate.of(2026, 3, 29)));
    assertEquals(List.of("small@2026-03-28", "small@2026-03-30"), ids(WindowSchedule.between(small, CN, BERLIN,
        at("2026-03-28T00:00", BERLIN), at("2026-03-31T00:00", BERLIN))));
    // In autumn 02:30 is the first, summer-time 02:30, and 03:30 is after the change: two hours.
    WindowInstance autumn = WindowSchedule.on(small, CN, BERLIN, LocalDate.of(2026, 10, 25)).get();
    assertEquals(Instant.parse("2026-10-25T00:30:00Z"), autumn.start());
    assertEquals(Duration.ofHours(2), autumn.length());
  }

  @Test
  void aWindowEndingInTheGapStopsWhereTheNextDaysStarts() {
    // 03:10-02:30: the end 02:30 on March 29 moves to 03:30, after that day's window starts at 03:10.
    WindowSpec odd = new WindowSpec("odd", LocalTime.of(3, 10), LocalTime.of(2, 30), DaySelector.everyDay());
    WindowInstance saturday = WindowSchedule.on(odd, CN, BERLIN, LocalDate.of(2026, 3, 28)).get();
    WindowInstance sunday = WindowSchedule.on(odd, CN, BERLIN, LocalDate.of(2026, 3, 29)).get();
    assertEquals(sunday.start(), saturday.end());
    assertEquals(at("2026-03-29T03:10", BERLIN), sunday.start());
  }

  @Test
  void anEmptyRangeHasNoWindows() {
    Instant t = at("2026-10-01T23:00", SHANGHAI);
    assertEquals(List.of(), WindowSchedule.between(NIGHT, CN, SHANGHAI, t, t));
    assertTrue(WindowSchedule.between(NIGHT, CN, SHANGHAI, t, t.minusSeconds(1)).isEmpty());
  }

  @Test
  void rejectsKeysThatWouldMakeIdsAmbiguous() {
    assertThrows(IllegalArgumentException.class,
        () -> new WindowSpec("a@b", LocalTime.NOON, LocalTime.MIDNIGHT, DaySelector.everyDay()));
    assertThrows(IllegalArgumentException.class,
        () -> new WindowSpec(" ", LocalTime.NOON, LocalTime.MIDNIGHT, DaySelector.everyDay()));
  }
}
