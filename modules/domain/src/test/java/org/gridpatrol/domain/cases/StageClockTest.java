package org.gridpatrol.domain.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.gridpatrol.domain.calendar.ShippedHolidays;
import org.gridpatrol.domain.calendar.WorkingHours;
import org.gridpatrol.domain.calendar.WorkingTime;
import org.junit.jupiter.api.Test;

class StageClockTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final WorkingTime OFFICE =
      new WorkingTime(ShippedHolidays.CN, WorkingHours.of("08:30-12:00", "13:30-17:30"), SHANGHAI);

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  @Test
  void fourWorkingHoursReportedOnTheEveningBeforeNationalDayEndAfterTheHoliday() {
    // Wednesday 2026-09-30 17:00: half an hour today; Oct 1-7 are off, Oct 8 (Thursday) 08:30 + 3.5 h = 12:00.
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), OFFICE,
        at("2026-09-30T17:00"));
    assertEquals(at("2026-10-08T12:00"), clock.deadline(OFFICE));
    // 80 % is 3.2 h: 0.5 h on the 30th, 2.7 h on the 8th from 08:30 = 11:12.
    assertEquals(at("2026-10-08T11:12"), clock.momentAtShare(0.8, OFFICE));
  }

  @Test
  void aDeadlineInAYearWithoutHolidayDataIsCountedByOrdinaryWeeksAndProvisional() {
    WorkingTime office = new WorkingTime(ShippedHolidays.CN_UNTIL_2026, WorkingHours.of("08:30-12:00", "13:30-17:30"),
        SHANGHAI);
    // 2027 has no data yet: Thursday 2026-12-31 17:00 + 4 working hours runs on Friday Jan 1 as an ordinary day.
    StageClock intoNewYear = StageClock.start(Stage.HANDLE, new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), office,
        at("2026-12-31T17:00"));
    assertEquals(at("2027-01-01T12:00"), intoNewYear.deadline(office));
    assertTrue(intoNewYear.deadlineProvisional(office));
    assertFalse(StageClock.start(Stage.HANDLE, new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), office,
        at("2026-12-30T09:00")).deadlineProvisional(office), "within the year's data");
    assertFalse(intoNewYear.suspend(at("2026-12-31T17:10"), office).deadlineProvisional(office),
        "a suspended clock has no deadline");
  }

  @Test
  void aMakeUpSaturdayCountsAndTheLunchBreakDoesNot() {
    // Saturday 2026-02-28 is a make-up working day after the Spring Festival.
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(2, TimeLimit.Unit.WORKING_HOURS), OFFICE,
        at("2026-02-28T11:00"));
    assertEquals(at("2026-02-28T14:30"), clock.deadline(OFFICE));
  }

  @Test
  void workingDaysCountAsDaysOfWorkingHours() {
    // 15 working days of 7.5 h from Monday 2026-11-23 09:00 end 15 working days later at the same time.
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(15, TimeLimit.Unit.WORKING_DAYS), OFFICE,
        at("2026-11-23T09:00"));
    assertEquals(at("2026-12-14T09:00"), clock.deadline(OFFICE));
  }

  @Test
  void calendarHoursIgnoreNightsAndHolidays() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(2, TimeLimit.Unit.HOURS), OFFICE,
        at("2026-10-01T23:00"));
    assertEquals(at("2026-10-02T01:00"), clock.deadline(OFFICE));
  }

  @Test
  void aSuspensionStopsTheClockAndResumingGoesOnWhereItStopped() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(4, TimeLimit.Unit.WORKING_HOURS), OFFICE,
        at("2026-11-23T09:00"));
    // One hour used, then suspended for two days.
    StageClock suspended = clock.suspend(at("2026-11-23T10:00"), OFFICE);
    assertNull(suspended.deadline(OFFICE), "no deadline while suspended");
    assertEquals(Duration.ofHours(1), suspended.usedAt(at("2026-11-25T10:00"), OFFICE));
    StageClock resumed = suspended.resume(at("2026-11-25T10:00"));
    // 3 h left from Wednesday 10:00: 2 h until noon, 1 h after lunch.
    assertEquals(at("2026-11-25T14:30"), resumed.deadline(OFFICE));
  }

  @Test
  void aShareAlreadyUsedBeforeASuspensionIsDueAtOnce() {
    StageClock clock = StageClock.start(Stage.HANDLE, new TimeLimit(60, TimeLimit.Unit.MINUTES), OFFICE,
        at("2026-11-23T09:00")).suspend(at("2026-11-23T09:55"), OFFICE).resume(at("2026-11-23T12:00"));
    assertEquals(at("2026-11-23T12:00"), clock.momentAtShare(0.8, OFFICE));
    assertEquals(at("2026-11-23T12:05"), clock.deadline(OFFICE));
  }
}
