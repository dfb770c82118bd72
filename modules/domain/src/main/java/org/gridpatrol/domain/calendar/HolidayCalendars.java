package org.gridpatrol.domain.calendar;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where the holiday calendar of a region comes from, so each country's calendar can be plugged in. */
@FunctionalInterface
public interface HolidayCalendars {

  /** The calendar for a region code such as {@code CN}, or empty if none is configured. */
  Optional<HolidayCalendar> forRegion(String region);

  /**
   * A fixed set of calendars.
   *
   * @throws IllegalArgumentException if two calendars are for the same region
   */
  static HolidayCalendars of(Collection<HolidayCalendar> calendars) {
    Map<String, HolidayCalendar> byRegion = new HashMap<>();
    for (HolidayCalendar calendar : calendars) {
      if (byRegion.putIfAbsent(calendar.region(), calendar) != null) {
        throw new IllegalArgumentException("two holiday calendars for region " + calendar.region());
      }
    }
    return region -> Optional.ofNullable(byRegion.get(region));
  }
}
