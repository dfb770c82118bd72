package org.gridpatrol.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingTimeTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final WorkingHours OFFICE = WorkingHours.of("08:30-12:00", "13:30-17:30");
  static final WorkingTime CN_OFFICE = new WorkingTime(ShippedHolidays.CN, OFFICE, SHANGHAI);

  private static ZonedDateTime shanghai(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(SHANGHAI);
  }

  private static ZonedDateTime berlin(int month, int day, int hour, int minute) {
    return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, BERLIN);
  }

  private static ZonedDateTime plusHours(String start, double hours) {
    return CN_OFFICE.plusWorkingTime(shanghai(start), Duration.ofMinutes(Math.round(hours * 60)));
  }

  @Test
  void countsOverNationalDay2026() {
    // Wednesday Sep 30: 16:00-17:30 gives 1.5 h. Oct 1-7 are off; Thursday Oct 8 is an ordinary working day,
    // so the other 2.5 h run 08:30-11:00.
    assertEquals(shanghai("2026-10-08T11:00"), plusHours("2026-09-30T16:00", 4));
  }

  @Test
  void countsOverTheEightDayNationalDay2025() {
    // Tuesday Sep 30: 1.5 h; Oct 1-8 are off; Thursday Oct 9 08:30 + 2.5 h.
    assertEquals(shanghai("2025-10-09T11:00"), plusHours("2025-09-30T16:00", 4));
  }

  @Test
  void fridayEveningBeforeAnOrdinaryWeekendLandsOnMondayNoon() {
    // Friday 17:00-17:30 gives 0.5 h; Monday 08:30-12:00 the other 3.5 h, ending exactly at the lunch break.
    assertEquals(shanghai("2026-10-19T12:00"), plusHours("2026-10-16T17:00", 4));
  }

  @Test
  void aMakeupSaturdayCounts() {
    assertEquals(shanghai("2026-10-10T12:00"), plusHours("2026-10-09T17:00", 4));
    // Friday before Spring Festival: Saturday Feb 14 is worked, Feb 15-23 are off.
    assertEquals(shanghai("2026-02-14T12:00"), plusHours("2026-02-13T17:00", 4));
    assertEquals(shanghai("2026-02-14T17:30"), plusHours("2026-02-13T17:00", 8));
    assertEquals(shanghai("2026-02-24T09:30"), plusHours("2026-02-13T17:00", 9));
  }

  @Test
  void fridayEveningBeforeAHolidaySkipsHolidayAndWeekend() {
    // Qingming 2026 is Saturday Apr 4 to Monday Apr 6.
    assertEquals(shanghai("2026-04-07T12:00"), plusHours("2026-04-03T17:00", 4));
    // Labour Day 2026 is Friday May 1 to Tuesday May 5.
    assertEquals(shanghai("2026-05-06T12:00"), plusHours("2026-04-30T17:00", 4));
  }

  @Test
  void aStartOutsideWorkingHoursCountsFromTheNextWorkingMoment() {
    assertEquals(shanghai("2026-10-12T14:30"), plusHours("2026-10-12T12:30", 1));
    assertEquals(shanghai("2026-10-13T09:30"), plusHours("2026-10-12T20:00", 1));
    assertEquals(shanghai("2026-10-12T09:00"), plusHours("2026-10-12T07:00", 0.5));
    assertEquals(shanghai("2026-10-12T09:30"), plusHours("2026-10-11T10:00", 1));
  }

  @Test
  void usedUpAtAnIntervalEndGivesThatEnd() {
    assertEquals(shanghai("2026-10-12T12:00"), plusHours("2026-10-12T08:30", 3.5));
    assertEquals(shanghai("2026-10-12T17:30"), plusHours("2026-10-12T08:30", 7.5));
    assertEquals(shanghai("2026-10-13T08:31"), plusHours("2026-10-12T08:30", 7.5 + 1 / 60.0));
  }

  @Test
  void zeroGivesTheStartAndNegativeIsRefused() {
    assertEquals(shanghai("2026-10-11T10:00"), plusHours("2026-10-11T10:00", 0));
    assertThrows(IllegalArgumentException.class,
        () -> CN_OFFICE.plusWorkingTime(shanghai("2026-10-12T10:00"), Duration.ofMinutes(-1)));
  }

  @Test
  void answersInTheOfficeZoneWhateverTheStartZone() {
    ZonedDateTime fridayFivePmInUtc = ZonedDateTime.of(2026, 10, 16, 9, 0, 0, 0, ZoneOffset.UTC);
    assertEquals(shanghai("2026-10-19T12:00"), CN_OFFICE.plusWorkingTime(fridayFivePmInUtc, Duration.ofHours(4)));
  }

  @Test
  void measuresWorkingTimeBetweenTwoMoments() {
    // Sep 30, Oct 8 and Oct 9 are the only working days: 3 x 7.5 h.
    assertEquals(Duration.ofMinutes(22 * 60 + 30),
        CN_OFFICE.workingTimeBetween(shanghai("2026-09-30T08:30"), shanghai("2026-10-09T17:30")));
    assertEquals(Duration.ofHours(2),
        CN_OFFICE.workingTimeBetween(shanghai("2026-10-16T11:00"), shanghai("2026-10-16T14:30")));
    assertEquals(Duration.ZERO,
        CN_OFFICE.workingTimeBetween(shanghai("2026-10-12T12:05"), shanghai("2026-10-12T13:25")));
    assertEquals(Duration.ZERO,
        CN_OFFICE.workingTimeBetween(shanghai("2026-10-12T15:00"), shanghai("2026-10-12T09:00")));
    // Ends at midnight into 2027 without needing 2027's data.
    assertEquals(Duration.ofMinutes(450),
        CN_OFFICE.workingTimeBetween(shanghai("2026-12-31T00:00"), shanghai("2027-01-01T00:00")));
  }

  @Test
  void workingDaysStartCountingOnTheNextDayAndEndAtCloseOfBusiness() {
    assertEquals(shanghai("2026-10-08T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-09-30T10:00"), 1));
    assertEquals(shanghai("2026-10-10T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-09-30T10:00"), 3));
    // The time of day of the start does not matter, nor whether the start day is a working day.
    assertEquals(shanghai("2026-10-19T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-10-16T08:00"), 1));
    assertEquals(shanghai("2026-10-19T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-10-16T21:00"), 1));
    assertEquals(shanghai("2026-10-19T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-10-17T10:00"), 1));
    // Friday before Spring Festival: Saturday Feb 14 (make-up) is day 1, Tuesday Feb 24 day 2.
    assertEquals(shanghai("2026-02-24T17:30"), CN_OFFICE.plusWorkingDays(shanghai("2026-02-13T09:00"), 2));
    assertThrows(IllegalArgumentException.class, () -> CN_OFFICE.plusWorkingDays(shanghai("2026-02-13T09:00"), 0));
  }

  @Test
  void aYearWithoutDataCountsAsOrdinaryWeeksAndSaysSo() {
    WorkingTime office = new WorkingTime(ShippedHolidays.CN_UNTIL_2026, OFFICE, SHANGHAI);
    // Thursday 2026-12-31 16:00: 1.5 h that day; 2027 has no data, so Friday Jan 1 counts as a working day.
    ZonedDateTime due = office.plusWorkingTime(shanghai("2026-12-31T16:00"), Duration.ofHours(2));
    assertEquals(shanghai("2027-01-01T09:00"), due);
    assertTrue(office.provisional(shanghai("2026-12-31T16:00").toInstant(), due.toInstant()));
    // Three working days from Wednesday Dec 30: Dec 31, then Friday Jan 1 and Monday Jan 4 by the ordinary week.
    assertEquals(shanghai("2027-01-04T17:30"), office.plusWorkingDays(shanghai("2026-12-30T10:00"), 3));
    // Dec 1 10:00 to Jan 5 10:00: the 23 working days of December 2026 (7.5 h each) less 1.5 h of Dec 1, and
    // Jan 1, 4 (7.5 h each) and 5 (1.5 h) counted as an ordinary week.
    assertEquals(Duration.ofMinutes(Math.round((23 * 7.5 - 1.5 + 7.5 + 7.5 + 1.5) * 60)),
        office.workingTimeBetween(shanghai("2026-12-01T10:00"), shanghai("2027-01-05T10:00")));
    assertTrue(office.provisional(shanghai("2024-01-02T10:00").toInstant(), shanghai("2023-12-29T10:00").toInstant()),
        "either order, and a year before the data too");
    assertFalse(office.provisional(shanghai("2024-01-02T10:00").toInstant(), shanghai("2026-12-31T17:30").toInstant()));
    // Plans keep refusing: a day's type is not guessed.
    assertEquals(2027, assertThrows(YearNotCoveredException.class,
        () -> ShippedHolidays.CN_UNTIL_2026.dayType(LocalDate.of(2027, 1, 1))).year());
  }

  /** 2026 with a Friday-Saturday weekend, so the Sundays on which Berlin switches clocks are working days. */
  static HolidayCalendar sundayWorkingCalendar() {
    Map<String, Object> year = HolidayCalendarTest.year(2026);
    year.put("weekend", List.of("FRIDAY", "SATURDAY"));
    return HolidayCalendarTest.calendar(year);
  }

  @Test
  void anIntervalAcrossTheSpringSwitchIsAnHourShorter() {
    WorkingTime night = new WorkingTime(sundayWorkingCalendar(), WorkingHours.of("01:00-04:00"), BERLIN);
    // 02:00-03:00 does not exist on March 29, 2026.
    assertEquals(Duration.ofHours(2), night.workingTimeBetween(berlin(3, 29, 0, 0), berlin(3, 30, 0, 0)));
    assertEquals(Duration.ofHours(3), night.workingTimeBetween(berlin(3, 22, 0, 0), berlin(3, 23, 0, 0)));
    assertEquals(berlin(3, 29, 3, 30), night.plusWorkingTime(berlin(3, 29, 1, 0), Duration.ofMinutes(90)));
    assertEquals(berlin(3, 29, 4, 0), night.plusWorkingTime(berlin(3, 29, 1, 0), Duration.ofHours(2)));
    assertEquals(berlin(3, 30, 1, 30), night.plusWorkingTime(berlin(3, 29, 1, 0), Duration.ofMinutes(150)));
    // A start in the gap is moved to 03:30 summer time, which leaves half an hour.
    assertEquals(berlin(3, 29, 4, 0), night.plusWorkingTime(berlin(3, 29, 2, 30), Duration.ofMinutes(30)));
  }

  @Test
  void anIntervalAcrossTheAutumnSwitchIsAnHourLonger() {
    WorkingTime night = new WorkingTime(sundayWorkingCalendar(), WorkingHours.of("01:00-04:00"), BERLIN);
    // 02:00-03:00 happens twice on October 25, 2026.
    assertEquals(Duration.ofHours(4), night.workingTimeBetween(berlin(10, 25, 0, 0), berlin(10, 26, 0, 0)));
    ZonedDateTime afterThreeHours = night.plusWorkingTime(berlin(10, 25, 1, 0), Duration.ofHours(3));
    assertEquals(LocalTime.of(3, 0), afterThreeHours.toLocalTime());
    assertEquals(berlin(10, 25, 4, 0), night.plusWorkingTime(berlin(10, 25, 1, 0), Duration.ofHours(4)));
  }

  @Test
  void officeHoursOnASwitchDayAreUnaffected() {
    WorkingTime office = new WorkingTime(sundayWorkingCalendar(), OFFICE, BERLIN);
    assertEquals(Duration.ofMinutes(450), office.workingTimeBetween(berlin(3, 29, 0, 0), berlin(3, 30, 0, 0)));
    assertEquals(berlin(3, 30, 12, 0), office.plusWorkingTime(berlin(3, 29, 17, 0), Duration.ofHours(4)));
    assertEquals(LocalDate.of(2026, 3, 29), office.plusWorkingDays(berlin(3, 28, 10, 0), 1).toLocalDate());
  }

  @Test
  void workingHoursAreValidated() {
    assertEquals(List.of(new WorkingHours.Interval(LocalTime.of(8, 30), LocalTime.of(12, 0)),
        new WorkingHours.Interval(LocalTime.of(13, 30), LocalTime.of(17, 30))), OFFICE.intervals());
    assertThrows(IllegalArgumentException.class, () -> new WorkingHours(List.of()));
    assertThrows(IllegalArgumentException.class, () -> WorkingHours.of("08:30-12:00", "11:30-17:30"));
    assertThrows(IllegalArgumentException.class, () -> WorkingHours.of("13:30-17:30", "08:30-12:00"));
    assertThrows(IllegalArgumentException.class, () -> WorkingHours.of("22:00-06:00"));
    assertThrows(IllegalArgumentException.class, () -> WorkingHours.of("08:30-08:30"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkingHours.of("8.30-12"));
    assertEquals("working interval 8.30-12 is not of the form HH:mm-HH:mm", e.getMessage());
    // Touching intervals are allowed.
    assertEquals(2, WorkingHours.of("08:00-12:00", "12:00-13:00").intervals().size());
  }
}
