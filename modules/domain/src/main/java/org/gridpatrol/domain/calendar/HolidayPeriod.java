package org.gridpatrol.domain.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One whole statutory holiday period as announced, e.g. National Day (国庆节) from October 1 to 7, with
 * the weekend days that are worked to make up for it.
 *
 * @param key               stable across years, so rules can name it: {@code spring_festival}, {@code national_day}
 * @param nameZh            e.g. 国庆节
 * @param nameEn            e.g. National Day
 * @param first             first day off, inclusive
 * @param last              last day off, inclusive
 * @param makeupWorkingDays weekend days that are working days because of this period (调休上班)
 */
public record HolidayPeriod(String key, String nameZh, String nameEn, LocalDate first, LocalDate last,
                            List<LocalDate> makeupWorkingDays) {

  public HolidayPeriod {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nameZh, "nameZh");
    Objects.requireNonNull(nameEn, "nameEn");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (first.isAfter(last)) {
      throw new IllegalArgumentException("period " + key + ": first " + first + " is after last " + last);
    }
    makeupWorkingDays = List.copyOf(makeupWorkingDays);
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(first) && !date.isAfter(last);
  }
}
