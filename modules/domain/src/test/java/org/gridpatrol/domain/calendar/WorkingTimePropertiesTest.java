package org.gridpatrol.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Laws of working-time arithmetic on the shipped Chinese calendar. Starts lie between 2024-01-01 and
 * 2026-06-30 and amounts stay below about 45 working days, so every computation stays inside the data.
 */
class WorkingTimePropertiesTest {
  private static final WorkingTime CN_OFFICE = WorkingTimeTest.CN_OFFICE;
  private static final WorkingTime BERLIN_NIGHTS = new WorkingTime(WorkingTimeTest.sundayWorkingCalendar(),
      WorkingHours.of("01:00-04:00", "13:00-17:00"), WorkingTimeTest.BERLIN);

  private static ZonedDateTime start(int day, int minute) {
    return LocalDate.of(2024, 1, 1).plusDays(day).atStartOfDay(WorkingTimeTest.SHANGHAI).plusMinutes(minute);
  }

  @Property
  void addingInTwoStepsEqualsAddingAtOnce(@ForAll @IntRange(max = 911) int day,
                                          @ForAll @IntRange(max = 1439) int minute,
                                          @ForAll @LongRange(max = 10_000) long a,
                                          @ForAll @LongRange(max = 10_000) long b) {
    // Holds for any start, a working moment or not.
    ZonedDateTime start = start(day, minute);
    ZonedDateTime stepped = CN_OFFICE.plusWorkingTime(
        CN_OFFICE.plusWorkingTime(start, Duration.ofMinutes(a)), Duration.ofMinutes(b));
    assertEquals(CN_OFFICE.plusWorkingTime(start, Duration.ofMinutes(a + b)).toInstant(), stepped.toInstant());
  }

  @Property
  void theWorkingTimeToTheResultIsTheAmount(@ForAll @IntRange(max = 911) int day,
                                            @ForAll @IntRange(max = 1439) int minute,
                                            @ForAll @LongRange(max = 20_000) long amount) {
    ZonedDateTime start = start(day, minute);
    Duration duration = Duration.ofMinutes(amount);
    assertEquals(duration, CN_OFFICE.workingTimeBetween(start, CN_OFFICE.plusWorkingTime(start, duration)));
  }

  @Property
  void resultsFallInsideWorkingHoursOfAWorkingDay(@ForAll @IntRange(max = 911) int day,
                                                  @ForAll @IntRange(max = 1439) int minute,
                                                  @ForAll @LongRange(min = 1, max = 20_000) long amount) {
    ZonedDateTime result = CN_OFFICE.plusWorkingTime(start(day, minute), Duration.ofMinutes(amount));
    assertTrue(ShippedHolidays.CN.isWorkingDay(result.toLocalDate()), result::toString);
    LocalTime time = result.toLocalTime();
    // After an interval's start (some time was used in it) and at most at its end.
    assertTrue(WorkingTimeTest.OFFICE.intervals().stream()
        .anyMatch(i -> time.isAfter(i.start()) && !time.isAfter(i.end())), result::toString);
  }

  @Property
  void moreTimeNeverEndsEarlier(@ForAll @IntRange(max = 911) int day,
                                @ForAll @IntRange(max = 1439) int minute,
                                @ForAll @LongRange(max = 20_000) long a,
                                @ForAll @LongRange(max = 20_000) long b) {
    ZonedDateTime start = start(day, minute);
    ZonedDateTime sooner = CN_OFFICE.plusWorkingTime(start, Duration.ofMinutes(Math.min(a, b)));
    ZonedDateTime later = CN_OFFICE.plusWorkingTime(start, Duration.ofMinutes(Math.max(a, b)));
    assertFalse(later.isBefore(sooner));
  }

  @Property
  void workingDaysEndAtCloseOfTheNthWorkingDayAfterTheStartDay(@ForAll @IntRange(max = 911) int day,
                                                               @ForAll @IntRange(max = 1439) int minute,
                                                               @ForAll @IntRange(min = 1, max = 40) int days) {
    ZonedDateTime start = start(day, minute);
    ZonedDateTime deadline = CN_OFFICE.plusWorkingDays(start, days);
    assertEquals(LocalTime.of(17, 30), deadline.toLocalTime());
    assertTrue(ShippedHolidays.CN.isWorkingDay(deadline.toLocalDate()));
    int counted = 0;
    for (LocalDate d = start.toLocalDate().plusDays(1); !d.isAfter(deadline.toLocalDate()); d = d.plusDays(1)) {
      counted += ShippedHolidays.CN.isWorkingDay(d) ? 1 : 0;
    }
    assertEquals(days, counted);
  }

  @Property
  void daylightSavingDoesNotBreakTheRoundTrip(@ForAll @IntRange(max = 300) int day,
                                              @ForAll @IntRange(max = 1439) int minute,
                                              @ForAll @LongRange(max = 5_000) long amount) {
    // 2026 in Berlin, with night hours that contain both clock switches.
    ZonedDateTime start = LocalDate.of(2026, 1, 1).plusDays(day).atStartOfDay(WorkingTimeTest.BERLIN)
        .plusMinutes(minute);
    Duration duration = Duration.ofMinutes(amount);
    assertEquals(duration, BERLIN_NIGHTS.workingTimeBetween(start, BERLIN_NIGHTS.plusWorkingTime(start, duration)));
  }
}
