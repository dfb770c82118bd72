package org.gridpatrol.domain.plan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.calendar.HolidayCalendar;

/**
 * The days on which a plan's window applies.
 *
 * <p>The rule: a day is selected when it lies within {@code validFrom..validUntil} (each inclusive, each
 * optional) AND it matches at least one of the listed kinds: one of the {@code weekdays}, one of the
 * {@code dayTypes}, a day inside one of the {@code holidayPeriods} (by key, e.g. {@code national_day}), one of
 * the {@code dates}, or a day inside one of the {@code ranges}. With no kind listed every day within the
 * validity matches, so the empty selector means every day. Kinds can only add days, never remove them.
 *
 * <p>Weekday rules look at the weekday alone: {@code weekdays(SUNDAY)} selects the Sundays inside National Day
 * and the Sundays worked as make-up days (调休) too. A plan that should follow the office calendar says so
 * with day types: {@code onDayTypes(WORKING_DAY, MAKEUP_WORKING_DAY)} for the days offices work,
 * {@code onDayTypes(REST_DAY, HOLIDAY)} for the days off.
 *
 * <p>The holiday calendar is asked only when the validity and the weekday, date and range rules have not
 * decided, so a plan by weekdays or dates works in years the calendar has no data for.
 *
 * @param weekdays       selected days of the week
 * @param dayTypes       selected day types of the holiday calendar
 * @param holidayPeriods keys of holiday periods all of whose days are selected
 * @param dates          selected single dates
 * @param ranges         selected date ranges
 * @param validFrom      no day before it is selected; null for no limit
 * @param validUntil     no day after it is selected; null for no limit
 */
public record DaySelector(Set<DayOfWeek> weekdays, Set<DayType> dayTypes, Set<String> holidayPeriods,
                          Set<LocalDate> dates, List<DateRange> ranges, LocalDate validFrom,
                          LocalDate validUntil) {

  public DaySelector {
    // Null collections mean "none listed", so a selector read from JSON may leave kinds out.
    weekdays = weekdays == null ? Set.of() : Set.copyOf(weekdays);
    dayTypes = dayTypes == null ? Set.of() : Set.copyOf(dayTypes);
    holidayPeriods = holidayPeriods == null ? Set.of() : Set.copyOf(holidayPeriods);
    dates = dates == null ? Set.of() : Set.copyOf(dates);
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
    for (String key : holidayPeriods) {
      if (!key.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("holiday period key must be lower-case letters, digits and _,"
            + " e.g. national_day; got " + key);
      }
    }
    if (validFrom != null && validUntil != null && validFrom.isAfter(validUntil)) {
      throw new IllegalArgumentException("validFrom " + validFrom + " is after validUntil " + validUntil);
    }
  }

  /** Every day. */
  public static DaySelector everyDay() {
    return new DaySelector(null, null, null, null, null, null, null);
  }

  /** Those days of the week, whatever the holiday calendar says about them, e.g. a weekly patrol day. */
  public static DaySelector weekdays(DayOfWeek first, DayOfWeek... more) {
    return new DaySelector(EnumSet.of(first, more), null, null, null, null, null, null);
  }

  /** Days of those types in the holiday calendar. */
  public static DaySelector onDayTypes(DayType first, DayType... more) {
    return new DaySelector(null, EnumSet.of(first, more), null, null, null, null, null);
  }

  /** Every day inside the holiday periods with those keys, e.g. {@code national_day}, in every year. */
  public static DaySelector duringHolidayPeriods(String first, String... more) {
    return new DaySelector(null, null, Set.copyOf(listOf(first, more)), null, null, null, null);
  }

  public static DaySelector onDates(LocalDate first, LocalDate... more) {
    return new DaySelector(null, null, null, Set.copyOf(listOf(first, more)), null, null, null);
  }

  /** The days from first to last, both included. */
  public static DaySelector between(LocalDate first, LocalDate last) {
    return new DaySelector(null, null, null, null, List.of(new DateRange(first, last)), null, null);
  }

  /** The same kinds, selected only from validFrom to validUntil (inclusive; either may be null for no limit). */
  public DaySelector limitedTo(LocalDate validFrom, LocalDate validUntil) {
    return new DaySelector(weekdays, dayTypes, holidayPeriods, dates, ranges, validFrom, validUntil);
  }

  /**
   * Whether the plan applies on the day; see the class comment for the rule.
   *
   * @throws YearNotCoveredException if the answer needs the calendar and the day's year has no data
   */
  public boolean selects(LocalDate day, HolidayCalendar calendar) {
    if (validFrom != null && day.isBefore(validFrom) || validUntil != null && day.isAfter(validUntil)) {
      return false;
    }
    if (weekdays.isEmpty() && dayTypes.isEmpty() && holidayPeriods.isEmpty() && dates.isEmpty()
        && ranges.isEmpty()) {
      return true;
    }
    if (weekdays.contains(day.getDayOfWeek()) || dates.contains(day)
        || ranges.stream().anyMatch(r -> r.contains(day))) {
      return true;
    }
    if (!dayTypes.isEmpty() && dayTypes.contains(calendar.dayType(day))) {
      return true;
    }
    return !holidayPeriods.isEmpty()
        && calendar.periodOf(day).map(p -> holidayPeriods.contains(p.key())).orElse(false);
  }

  @SafeVarargs
  private static <T> List<T> listOf(T first, T... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toList();
  }

  /** The days from first to last, both included. */
  public record DateRange(LocalDate first, LocalDate last) {

    public DateRange {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (first.isAfter(last)) {
        throw new IllegalArgumentException("date range " + first + " to " + last + ": first is after last");
      }
    }

    public boolean contains(LocalDate day) {
      return !day.isBefore(first) && !day.isAfter(last);
    }
  }
}
