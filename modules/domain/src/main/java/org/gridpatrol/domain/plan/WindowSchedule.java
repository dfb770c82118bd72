package org.gridpatrol.domain.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.calendar.HolidayCalendar;

/**
 * The occurrences of a {@link WindowSpec} in a time zone.
 *
 * <p>Local times are turned into instants the java.time way: a time that falls in the gap of a spring clock
 * change is moved forward by the length of the gap (02:30 becomes 03:30 in Berlin), a time that occurs twice
 * in autumn means the earlier one (summer time). So a 22:00-06:00 window lasts 7 hours over the spring night
 * and 9 hours over the autumn night. A window never reaches past the moment the same spec's window of the next
 * day would start, so the windows of one spec never overlap. If after all this a window does not end after it
 * starts, that day has no window: 02:30-03:30 on the day of the spring change in Berlin becomes 03:30-03:30
 * and is skipped, as nothing of it exists on the clock that day.
 *
 * <p>The times of a day's window are worked out before the spec's {@link DaySelector} is asked about the day,
 * and only days whose window matters to the question are asked about; so a question about times inside the
 * years a holiday calendar covers never throws {@link YearNotCoveredException}, except for a window that
 * started on the last day before the covered years and is still running.
 */
public final class WindowSchedule {
  // A window lasts about a day at most, so the window of a day two days before a moment's local date has
  // ended by that moment (one more day allows for a start pushed past midnight by a clock change).
  private static final int DAYS_BACK = 2;
  // Longer than the longest stretch between two occurrences of a yearly holiday period.
  private static final int NEXT_SEARCH_DAYS = 400;

  private WindowSchedule() {}

  /**
   * Every window overlapping {@code [from, to)}, in start order; none if to is not after from.
   *
   * @throws YearNotCoveredException if a window there needs the calendar for a year without data
   */
  public static List<WindowInstance> between(WindowSpec spec, HolidayCalendar calendar, ZoneId zone,
                                             Instant from, Instant to) {
    return between(spec, calendar, zone, from, to, null);
  }

  /** As above, leaving out, without asking the calendar about them, windows starting before notBefore. */
  static List<WindowInstance> between(WindowSpec spec, HolidayCalendar calendar, ZoneId zone, Instant from,
                                      Instant to, Instant notBefore) {
    List<WindowInstance> found = new ArrayList<>();
    if (!from.isBefore(to)) {
      return found;
    }
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(DAYS_BACK); !day.isAfter(last);
         day = day.plusDays(1)) {
      Optional<WindowInstance> window = onClock(spec, zone, day);
      if (window.isPresent()) {
        WindowInstance w = window.get();
        boolean wanted = w.start().isBefore(to) && w.end().isAfter(from)
            && (notBefore == null || !w.start().isBefore(notBefore));
        if (wanted && spec.days().selects(day, calendar)) {
          found.add(w);
        }
      }
    }
    return found;
  }

  /**
   * The window of that day, if the spec selects the day and the window exists on the clock that day.
   *
   * @throws YearNotCoveredException if the selector needs the calendar and the day's year has no data
   */
  public static Optional<WindowInstance> on(WindowSpec spec, HolidayCalendar calendar, ZoneId zone,
                                            LocalDate day) {
    return onClock(spec, zone, day).filter(w -> spec.days().selects(day, calendar));
  }

  /**
   * The window running at t (start inclusive, end exclusive), if any.
   *
   * @throws YearNotCoveredException if that needs the calendar for a year without data
   */
  public static Optional<WindowInstance> containing(WindowSpec spec, HolidayCalendar calendar, ZoneId zone,
                                                    Instant t) {
    return between(spec, calendar, zone, t, t.plusNanos(1)).stream().findFirst();
  }

  /**
   * The first window starting after t (strictly, so a window starting at t is {@link #containing}'s). Looks
   * about 400 days ahead, long enough for any yearly holiday period, and is empty if none starts by then.
   *
   * @throws YearNotCoveredException if the search needs the calendar for a year without data before it finds
   *                                 a window; holidays of years not yet announced cannot be known
   */
  public static Optional<WindowInstance> next(WindowSpec spec, HolidayCalendar calendar, ZoneId zone,
                                              Instant t) {
    // A window of the day before can start after t only if a clock change pushed it past midnight.
    LocalDate first = t.atZone(zone).toLocalDate().minusDays(1);
    for (LocalDate day = first; day.isBefore(first.plusDays(NEXT_SEARCH_DAYS)); day = day.plusDays(1)) {
      Optional<WindowInstance> window = onClock(spec, zone, day);
      if (window.isPresent() && window.get().start().isAfter(t) && spec.days().selects(day, calendar)) {
        return window;
      }
    }
    return Optional.empty();
  }

  /** The day's window on the clock, without asking whether the spec selects the day. */
  static Optional<WindowInstance> onClock(WindowSpec spec, ZoneId zone, LocalDate day) {
    Instant start = ZonedDateTime.of(day, spec.start(), zone).toInstant();
    LocalDate endDay = spec.endsNextDay() ? day.plusDays(1) : day;
    Instant end = ZonedDateTime.of(endDay, spec.end(), zone).toInstant();
    Instant nextStart = ZonedDateTime.of(day.plusDays(1), spec.start(), zone).toInstant();
    if (end.isAfter(nextStart)) {
      end = nextStart;
    }
    return end.isAfter(start) ? Optional.of(new WindowInstance(spec.key(), day, start, end)) : Optional.empty();
  }
}
