package org.gridpatrol.domain.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which days are working days in one region, year by year: the region's weekend, the announced holiday
 * periods and the weekend days worked to make up for them (调休). Immutable.
 *
 * <p>Only the years given as data are known. Any question about another year throws
 * {@link YearNotCoveredException}: holidays move every year, so treating an unknown year as ordinary weeks
 * would silently put deadlines and patrols on the wrong days. The one exception is asked for by name:
 * {@link #countsAsWorkingDay}, for case time limits, which must keep running (and say they are provisional)
 * when next year's holidays have not been added yet.
 */
public final class HolidayCalendar {
  private static final Set<String> YEAR_KEYS = Set.of("region", "year", "weekend", "periods");
  private static final Set<String> PERIOD_KEYS =
      Set.of("key", "name_zh", "name_en", "first", "last", "makeup_working_days");
  private static final Set<DayOfWeek> DEFAULT_WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  // New Year periods can start in December, and their make-up days can fall in the other year too,
  // but only right next to the period.
  private static final int MAX_DAYS_FROM_PERIOD_ACROSS_YEAR_END = 7;

  private final String region;
  private final Map<Integer, Set<DayOfWeek>> weekends;
  private final NavigableMap<LocalDate, HolidayPeriod> periodsByFirst;
  private final Set<LocalDate> makeupDays;
  private final Set<DayOfWeek> latestWeekend;

  private HolidayCalendar(String region, NavigableMap<Integer, Set<DayOfWeek>> weekends,
                          NavigableMap<LocalDate, HolidayPeriod> periodsByFirst, Set<LocalDate> makeupDays) {
    this.region = region;
    this.latestWeekend = weekends.lastEntry().getValue();
    this.weekends = Collections.unmodifiableMap(weekends);
    this.periodsByFirst = Collections.unmodifiableNavigableMap(periodsByFirst);
    this.makeupDays = Set.copyOf(makeupDays);
  }

  /**
   * Builds a calendar from parsed year files (as in {@code config/holidays/CN/2026.yaml}), one map per year
   * with the keys {@code region}, {@code year}, {@code weekend} (day names; Saturday and Sunday if absent)
   * and {@code periods}, each period with {@code key}, {@code name_zh}, {@code name_en}, {@code first},
   * {@code last} (ISO dates, inclusive) and optionally {@code makeup_working_days}.
   *
   * <p>Dates must lie in their file's year, except for a period that spans the year end (a New Year
   * holiday starting in December) and the make-up days next to such a period. Periods, also of different
   * years, must not overlap; a make-up day must be a weekend day outside every period.
   *
   * @throws IllegalArgumentException naming the region, year and key of the first problem found
   */
  public static HolidayCalendar fromYearMaps(String region, List<? extends Map<String, ?>> years) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("holiday calendar: region must not be blank");
    }
    if (years.isEmpty()) {
      throw new IllegalArgumentException(region + ": no holiday data; add at least one year");
    }
    List<YearData> parsed = new ArrayList<>();
    NavigableMap<Integer, Set<DayOfWeek>> weekends = new TreeMap<>();
    for (int i = 0; i < years.size(); i++) {
      YearData year = YearData.parse(region, i + 1, years.get(i));
      if (weekends.put(year.year, year.weekend) != null) {
        throw new IllegalArgumentException(region + ": year " + year.year + " is given twice");
      }
      parsed.add(year);
    }

    NavigableMap<LocalDate, HolidayPeriod> periodsByFirst = new TreeMap<>();
    Map<HolidayPeriod, Integer> yearOf = new HashMap<>();
    for (YearData year : parsed) {
      for (HolidayPeriod period : year.periods) {
        // The periods already taken do not overlap each other, so if any overlaps this one, the last one
        // starting by this one's last day does.
        Map.Entry<LocalDate, HolidayPeriod> before = periodsByFirst.floorEntry(period.last());
        if (before != null && !before.getValue().last().isBefore(period.first())) {
          HolidayPeriod other = before.getValue();
          throw new IllegalArgumentException(year.prefix() + ": period " + period.key() + " (" + span(period)
              + ") overlaps period " + other.key() + " (" + span(other) + ") of " + yearOf.get(other));
        }
        periodsByFirst.put(period.first(), period);
        yearOf.put(period, year.year);
      }
    }

    Set<LocalDate> makeupDays = new HashSet<>();
    for (YearData year : parsed) {
      for (HolidayPeriod period : year.periods) {
        for (LocalDate day : period.makeupWorkingDays()) {
          HolidayPeriod inside = periodAt(periodsByFirst, day);
          if (inside != null) {
            throw new IllegalArgumentException(year.prefix() + ": period " + period.key() + ": make-up day "
                + day + " is inside period " + inside.key() + " (" + span(inside) + ")");
          }
          if (!makeupDays.add(day)) {
            throw new IllegalArgumentException(year.prefix() + ": period " + period.key() + ": make-up day "
                + day + " is listed more than once");
          }
        }
      }
    }
    return new HolidayCalendar(region, weekends, periodsByFirst, makeupDays);
  }

  public String region() {
    return region;
  }

  public boolean covers(int year) {
    return weekends.containsKey(year);
  }

  /** In ascending order. */
  public Set<Integer> coveredYears() {
    return weekends.keySet();
  }

  /** @throws YearNotCoveredException if the date's year has no data */
  public DayType dayType(LocalDate date) {
    requireCovered(date.getYear());
    if (periodAt(periodsByFirst, date) != null) {
      return DayType.HOLIDAY;
    }
    if (makeupDays.contains(date)) {
      return DayType.MAKEUP_WORKING_DAY;
    }
    return weekends.get(date.getYear()).contains(date.getDayOfWeek()) ? DayType.REST_DAY : DayType.WORKING_DAY;
  }

  /** @throws YearNotCoveredException if the date's year has no data */
  public boolean isWorkingDay(LocalDate date) {
    return dayType(date).isWorking();
  }

  /**
   * Whether a working-time limit counts the date as a working day: as {@link #isWorkingDay} in a year with
   * data, and in any other year by the ordinary week (the weekend of the latest year with data), for want of
   * the year's holidays. Such counts are provisional; see {@link #coversAll}.
   */
  public boolean countsAsWorkingDay(LocalDate date) {
    if (covers(date.getYear())) {
      return isWorkingDay(date);
    }
    return !latestWeekend.contains(date.getDayOfWeek());
  }

  /** Whether every year from the first date's to the last date's has data. */
  public boolean coversAll(LocalDate first, LocalDate last) {
    for (int year = first.getYear(); year <= last.getYear(); year++) {
      if (!covers(year)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The holiday period the date lies in.
   *
   * @throws YearNotCoveredException if the date's year has no data
   */
  public Optional<HolidayPeriod> periodOf(LocalDate date) {
    requireCovered(date.getYear());
    return Optional.ofNullable(periodAt(periodsByFirst, date));
  }

  /**
   * The holiday periods with at least one day in the year, in date order; a New Year period that spans the
   * year end belongs to both years.
   *
   * @throws YearNotCoveredException if the year has no data
   */
  public List<HolidayPeriod> periods(int year) {
    requireCovered(year);
    LocalDate jan1 = LocalDate.of(year, 1, 1);
    LocalDate dec31 = LocalDate.of(year, 12, 31);
    return periodsByFirst.values().stream()
        .filter(p -> !p.last().isBefore(jan1) && !p.first().isAfter(dec31))
        .toList();
  }

  private void requireCovered(int year) {
    if (!covers(year)) {
      throw new YearNotCoveredException(region, year, coveredYears());
    }
  }

  private static HolidayPeriod periodAt(NavigableMap<LocalDate, HolidayPeriod> periodsByFirst, LocalDate date) {
    Map.Entry<LocalDate, HolidayPeriod> entry = periodsByFirst.floorEntry(date);
    return entry != null && entry.getValue().contains(date) ? entry.getValue() : null;
  }

  private static String span(HolidayPeriod period) {
    return period.first() + " to " + period.last();
  }

  /** One year file, checked on its own; what spans files is checked by {@link #fromYearMaps}. */
  private record YearData(String region, int year, Set<DayOfWeek> weekend, List<HolidayPeriod> periods) {

    String prefix() {
      return region + " " + year;
    }

    static YearData parse(String region, int index, Map<String, ?> map) {
      if (!(map.get("year") instanceof Number number) || number.doubleValue() != number.intValue()) {
        throw new IllegalArgumentException(region + ": year data #" + index + ": year is missing or not a whole"
            + " number: " + map.get("year"));
      }
      int year = number.intValue();
      String prefix = region + " " + year;
      requireKnownKeys(prefix, map, YEAR_KEYS);
      if (!region.equals(map.get("region"))) {
        throw new IllegalArgumentException(prefix + ": region is " + map.get("region") + ", expected " + region);
      }
      Set<DayOfWeek> weekend = map.containsKey("weekend")
          ? weekend(prefix, map.get("weekend")) : DEFAULT_WEEKEND;
      if (!(map.get("periods") instanceof List<?> list)) {
        throw new IllegalArgumentException(prefix + ": periods must be a list (it may be empty)");
      }
      List<HolidayPeriod> periods = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> periodMap)) {
          throw new IllegalArgumentException(prefix + ": period #" + (i + 1) + " must be a map");
        }
        HolidayPeriod period = period(prefix, year, weekend, i + 1, periodMap);
        if (!keys.add(period.key())) {
          throw new IllegalArgumentException(prefix + ": period key " + period.key() + " is used twice");
        }
        periods.add(period);
      }
      return new YearData(region, year, Set.copyOf(weekend), List.copyOf(periods));
    }

    private static Set<DayOfWeek> weekend(String prefix, Object value) {
      if (!(value instanceof List<?> names)) {
        throw new IllegalArgumentException(prefix + ": weekend must be a list of day names, e.g. [SATURDAY, SUNDAY]");
      }
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (Object name : names) {
        DayOfWeek day;
        try {
          day = DayOfWeek.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(prefix + ": weekend: " + name + " is not a day name (MONDAY..SUNDAY)");
        }
        if (!days.add(day)) {
          throw new IllegalArgumentException(prefix + ": weekend: " + day + " is given twice");
        }
      }
      return days;
    }

    private static HolidayPeriod period(String prefix, int year, Set<DayOfWeek> weekend, int index,
                                        Map<?, ?> map) {
      if (!(map.get("key") instanceof String key) || !key.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(prefix + ": period #" + index + ": key must be lower-case letters,"
            + " digits and _, e.g. national_day; got " + map.get("key"));
      }
      String where = prefix + ": period " + key;
      requireKnownKeys(where, map, PERIOD_KEYS);
      String nameZh = text(where, map, "name_zh");
      String nameEn = text(where, map, "name_en");
      LocalDate first = date(where, "first", map.get("first"));
      LocalDate last = date(where, "last", map.get("last"));
      if (first.isAfter(last)) {
        throw new IllegalArgumentException(where + ": first " + first + " is after last " + last);
      }
      boolean spansYearEnd = first.getYear() == year - 1 && last.getYear() == year
          || first.getYear() == year && last.getYear() == year + 1;
      if ((first.getYear() != year || last.getYear() != year) && !spansYearEnd) {
        throw new IllegalArgumentException(where + ": " + first + " to " + last + " is not in " + year
            + " (only a period across the year end may reach into the next or previous year)");
      }

      Object makeupValue = map.get("makeup_working_days") == null ? List.of() : map.get("makeup_working_days");
      if (!(makeupValue instanceof List<?> makeupList)) {
        throw new IllegalArgumentException(where + ": makeup_working_days must be a list of dates");
      }
      List<LocalDate> makeupDays = new ArrayList<>();
      for (Object value : makeupList) {
        LocalDate day = date(where, "make-up day", value);
        if (!weekend.contains(day.getDayOfWeek())) {
          throw new IllegalArgumentException(where + ": make-up day " + day + " is a "
              + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", not a weekend day");
        }
        boolean nextToPeriod = !day.isBefore(first.minusDays(MAX_DAYS_FROM_PERIOD_ACROSS_YEAR_END))
            && !day.isAfter(last.plusDays(MAX_DAYS_FROM_PERIOD_ACROSS_YEAR_END));
        if (day.getYear() != year && !(spansYearEnd && nextToPeriod)) {
          throw new IllegalArgumentException(where + ": make-up day " + day + " is not in " + year
              + " (only a period across the year end may have make-up days, next to it, in another year)");
        }
        makeupDays.add(day);
      }
      return new HolidayPeriod(key, nameZh, nameEn, first, last, makeupDays);
    }

    private static void requireKnownKeys(String where, Map<?, ?> map, Set<String> known) {
      for (Object key : map.keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException(where + ": unknown key " + key + " (known: "
              + known.stream().sorted().toList() + ")");
        }
      }
    }

    private static String text(String where, Map<?, ?> map, String key) {
      if (!(map.get(key) instanceof String text) || text.isBlank()) {
        throw new IllegalArgumentException(where + ": " + key + " is missing");
      }
      return text;
    }

    private static LocalDate date(String where, String what, Object value) {
      if (value instanceof LocalDate date) {
        return date;
      }
      if (value == null) {
        throw new IllegalArgumentException(where + ": " + what + " is missing");
      }
      try {
        return LocalDate.parse(value.toString());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(where + ": " + what + " " + value + " is not a date (yyyy-mm-dd)");
      }
    }
  }
}
