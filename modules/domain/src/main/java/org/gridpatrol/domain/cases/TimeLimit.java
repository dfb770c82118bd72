package org.gridpatrol.domain.cases;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A stage's time limit as a city writes it: working hours or days (counted in the working hours of working
 * days, see {@link org.gridpatrol.domain.calendar.WorkingTime}) or calendar hours or days. A working day is
 * the length of one day's working hours, so a limit of days and one of hours count alike, and a suspension
 * in the middle of either stops the same clock.
 */
public record TimeLimit(long amount, Unit unit) {
  private static final String UNITS =
      "working_minutes, working_hours, working_days, minutes, hours or days";

  public enum Unit {
    WORKING_MINUTES("working_minutes"), WORKING_HOURS("working_hours"), WORKING_DAYS("working_days"),
    MINUTES("minutes"), HOURS("hours"), DAYS("days");

    final String key;

    Unit(String key) {
      this.key = key;
    }

    public boolean working() {
      return this == WORKING_MINUTES || this == WORKING_HOURS || this == WORKING_DAYS;
    }
  }

  public TimeLimit {
    Objects.requireNonNull(unit, "unit");
    if (amount <= 0) {
      throw new IllegalArgumentException("a time limit must be positive, got " + amount);
    }
  }

  public boolean working() {
    return unit.working();
  }

  /** How long the clock runs: working time for working limits, elapsed time otherwise. */
  public Duration length(Duration workingDay) {
    return switch (unit) {
      case WORKING_MINUTES -> Duration.ofMinutes(amount);
      case WORKING_HOURS -> Duration.ofHours(amount);
      case WORKING_DAYS -> workingDay.multipliedBy(amount);
      case HOURS -> Duration.ofHours(amount);
      case DAYS -> Duration.ofDays(amount);
      case MINUTES -> Duration.ofMinutes(amount);
    };
  }

  /** As in the configuration: {@code {"working_hours": 4}}. */
  public Map<String, Object> toMap() {
    return Map.of(unit.key, amount);
  }

  @Override
  public String toString() {
    return amount + " " + unit.key.replace('_', ' ');
  }

  /**
   * From a one-entry map such as {@code {working_hours: 4}} or {@code {days: 2}}.
   *
   * @throws IllegalArgumentException naming {@code path} if the map is not one unit with a positive whole amount
   */
  public static TimeLimit fromMap(Object value, String path) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
      throw new IllegalArgumentException(path + " must be one unit (" + UNITS + ") with a number, e.g. "
          + "{working_hours: 4}");
    }
    Map.Entry<?, ?> entry = map.entrySet().iterator().next();
    for (Unit unit : Unit.values()) {
      if (unit.key.equals(entry.getKey())) {
        if (!(entry.getValue() instanceof Number number) || number.doubleValue() != number.longValue()
            || number.longValue() <= 0) {
          throw new IllegalArgumentException(path + "." + unit.key + " must be a positive whole number, got "
              + entry.getValue());
        }
        return new TimeLimit(number.longValue(), unit);
      }
    }
    throw new IllegalArgumentException(path + ": unknown unit " + entry.getKey() + " (" + UNITS + ")");
  }
}
