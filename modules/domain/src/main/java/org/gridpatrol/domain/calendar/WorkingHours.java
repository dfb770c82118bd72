package org.gridpatrol.domain.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The office hours of a working day, local time, e.g. 08:30-12:00 and 13:30-17:30 with a lunch break.
 * Intervals are sorted, do not overlap and do not cross midnight (night shifts are not supported).
 */
public record WorkingHours(List<Interval> intervals) {

  public WorkingHours {
    intervals = List.copyOf(intervals);
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("working hours need at least one interval");
    }
    for (int i = 1; i < intervals.size(); i++) {
      Interval previous = intervals.get(i - 1);
      Interval next = intervals.get(i);
      if (next.start().isBefore(previous.end())) {
        throw new IllegalArgumentException("working hours must be sorted and must not overlap: " + next
            + " starts before " + previous + " ends");
      }
    }
  }

  /**
   * Parses intervals written as {@code HH:mm-HH:mm}.
   *
   * @throws IllegalArgumentException naming the interval that is not of that form or is invalid
   */
  public static WorkingHours of(String... intervals) {
    return new WorkingHours(Arrays.stream(intervals).map(Interval::parse).toList());
  }

  /** The working time of one ordinary working day (without a daylight-saving switch). */
  public Duration dayLength() {
    return intervals.stream().map(i -> Duration.between(i.start(), i.end())).reduce(Duration.ZERO, Duration::plus);
  }

  /** Working time from start (inclusive) to end (exclusive) on one day. */
  public record Interval(LocalTime start, LocalTime end) {

    public Interval {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException("working interval " + start + "-" + end
            + " must end after it starts on the same day");
      }
    }

    /** Parses {@code HH:mm-HH:mm}, e.g. {@code 08:30-12:00}. */
    public static Interval parse(String text) {
      String[] parts = text.split("-", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("working interval " + text + " is not of the form HH:mm-HH:mm");
      }
      try {
        return new Interval(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("working interval " + text + " is not of the form HH:mm-HH:mm");
      }
    }

    @Override
    public String toString() {
      return start + "-" + end;
    }
  }
}
