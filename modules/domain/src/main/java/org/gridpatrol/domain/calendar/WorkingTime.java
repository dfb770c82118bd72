package org.gridpatrol.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Time limits counted in working time: the working hours of the working days of a holiday calendar, in
 * one time zone. Weekends, holidays and breaks do not count; make-up working days do.
 *
 * <p>Working time is real elapsed time inside the working intervals, so on a daylight-saving switch day an
 * interval that contains the switch is an hour shorter or longer. A local time that falls in the gap of a
 * spring switch is moved forward by the gap; one that occurs twice in autumn means the first occurrence.
 * Results are in this object's zone, whatever zone the arguments are in.
 *
 * <p>A year the calendar has no data for is counted as ordinary weeks ({@link HolidayCalendar#countsAsWorkingDay}),
 * so a case's limits keep running on the first of January even if nobody has added the new year's holidays;
 * a result that relied on that is provisional ({@link #provisional}), and the node says so on the case.
 */
public final class WorkingTime {
  private final HolidayCalendar calendar;
  private final WorkingHours hours;
  private final ZoneId zone;

  public WorkingTime(HolidayCalendar calendar, WorkingHours hours, ZoneId zone) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.hours = Objects.requireNonNull(hours, "hours");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public ZoneId zone() {
    return zone;
  }

  public WorkingHours hours() {
    return hours;
  }

  /**
   * The moment at which {@code amount} of working time after {@code start} has passed. A start outside
   * working hours begins counting at the next working moment; when the amount runs out exactly at the end
   * of an interval the result is that end (12:00, not 13:30 after lunch). A zero amount gives the start.
   *
   * @throws IllegalArgumentException if the amount is negative
   */
  public ZonedDateTime plusWorkingTime(ZonedDateTime start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("working time to add must not be negative: " + amount);
    }
    if (amount.isZero()) {
      return start.withZoneSameInstant(zone);
    }
    Instant cursor = start.toInstant();
    Duration left = amount;
    for (LocalDate day = localDate(start); ; day = day.plusDays(1)) {
      for (Span span : spans(day)) {
        if (span.end.isAfter(cursor)) {
          Instant from = span.start.isAfter(cursor) ? span.start : cursor;
          Duration available = Duration.between(from, span.end);
          if (left.compareTo(available) <= 0) {
            return from.plus(left).atZone(zone);
          }
          left = left.minus(available);
        }
      }
    }
  }

  /**
   * The deadline of a limit of {@code days} working days, counted the way Chinese offices count periods:
   * the start day itself never counts (Civil Code art. 201: a period counted in days starts on the next
   * day), the following working days are counted (make-up days included, holidays and rest days not),
   * and the deadline is the end of working hours on the last one (art. 203: where there are business hours,
   * the period ends when business stops). So a case registered on Friday afternoon with a limit of one
   * working day is due at the end of the next working day, and so is one registered that Saturday; the
   * time of day of the start does not matter.
   *
   * @throws IllegalArgumentException if days is less than 1 (a same-day limit is a working-time limit)
   */
  public ZonedDateTime plusWorkingDays(ZonedDateTime start, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("working days to add must be at least 1, got " + days);
    }
    LocalDate day = localDate(start);
    List<Span> spans = List.of();
    for (int counted = 0; counted < days; ) {
      day = day.plusDays(1);
      spans = spans(day);
      if (!spans.isEmpty()) {
        counted++;
      }
    }
    return spans.get(spans.size() - 1).end.atZone(zone);
  }

  /** The working time from {@code from} to {@code to}; zero if {@code to} is not after {@code from}. */
  public Duration workingTimeBetween(ZonedDateTime from, ZonedDateTime to) {
    Duration total = Duration.ZERO;
    Instant begin = from.toInstant();
    Instant end = to.toInstant();
    for (LocalDate day = localDate(from); day.atStartOfDay(zone).toInstant().isBefore(end);
         day = day.plusDays(1)) {
      for (Span span : spans(day)) {
        Instant lo = span.start.isAfter(begin) ? span.start : begin;
        Instant hi = span.end.isBefore(end) ? span.end : end;
        if (hi.isAfter(lo)) {
          total = total.plus(Duration.between(lo, hi));
        }
      }
    }
    return total;
  }

  /**
   * Whether working time between these moments (either order) was counted by ordinary weeks for a year the
   * calendar has no data for, and may move once that year's holidays are added.
   */
  public boolean provisional(Instant one, Instant other) {
    LocalDate a = one.atZone(zone).toLocalDate();
    LocalDate b = other.atZone(zone).toLocalDate();
    return a.isAfter(b) ? !calendar.coversAll(b, a) : !calendar.coversAll(a, b);
  }

  private LocalDate localDate(ZonedDateTime time) {
    return time.withZoneSameInstant(zone).toLocalDate();
  }

  /** The day's working intervals as instants; none on a day that is not a working day. */
  private List<Span> spans(LocalDate day) {
    if (!calendar.countsAsWorkingDay(day)) {
      return List.of();
    }
    List<Span> spans = new ArrayList<>();
    Instant previousEnd = Instant.MIN;
    for (WorkingHours.Interval interval : hours.intervals()) {
      Instant start = day.atTime(interval.start()).atZone(zone).toInstant();
      Instant end = day.atTime(interval.end()).atZone(zone).toInstant();
      // A daylight-saving gap can push an interval's start onto the next one; count no moment twice.
      if (start.isBefore(previousEnd)) {
        start = previousEnd;
      }
      if (end.isAfter(start)) {
        spans.add(new Span(start, end));
        previousEnd = end;
      }
    }
    return spans;
  }

  private record Span(Instant start, Instant end) {}
}
