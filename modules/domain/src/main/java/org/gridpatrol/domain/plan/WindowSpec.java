package org.gridpatrol.domain.plan;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily patrol window in local time, e.g. the night patrol (夜间巡查) from 22:00 to 06:00.
 *
 * <p>An end at or before the start means the window runs into the next day (22:00-06:00); an end equal to the
 * start means a whole day (08:00-08:00). A window belongs to the day it starts on, and {@code days} is asked
 * about that day: Friday night's patrol is Friday's duty even though it ends on Saturday morning, so a plan
 * for Fridays covers Friday night and a plan for National Day (October 1 to 7) covers the night from the 7th
 * to the 8th but not the night from September 30 to October 1.
 *
 * @param key   names the window within its plan, e.g. {@code night}; window ids are {@code key@day}
 * @param start local start time, inclusive
 * @param end   local end time, exclusive
 * @param days  the days whose window it is
 */
public record WindowSpec(String key, LocalTime start, LocalTime end, DaySelector days) {

  public WindowSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(days, "days");
    // Ids are key@day, so an @ or blank would make them ambiguous.
    if (key.isBlank() || key.contains("@") || key.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("window key must be non-empty without spaces or @, got '" + key + "'");
    }
  }

  /** True when the window ends on the day after the one it starts on (also for a whole-day window). */
  public boolean endsNextDay() {
    return !end.isAfter(start);
  }
}
