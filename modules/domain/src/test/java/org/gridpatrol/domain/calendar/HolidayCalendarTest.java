package org.gridpatrol.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {
  private static final HolidayCalendar CN = ShippedHolidays.CN;

  @ParameterizedTest
  @CsvSource({
    "2026-10-01, HOLIDAY",             // National Day
    "2026-10-03, HOLIDAY",             // a Saturday inside it
    "2026-10-07, HOLIDAY",             // a Wednesday inside it
    "2026-10-10, MAKEUP_WORKING_DAY",  // Saturday worked for National Day
    "2026-10-11, REST_DAY",            // the Sunday after it
    "2026-10-12, WORKING_DAY",
    "2026-09-20, MAKEUP_WORKING_DAY",  // a Sunday worked for National Day
    "2026-09-19, REST_DAY",
    "2026-09-26, HOLIDAY",             // Mid-Autumn, Saturday
    "2026-01-04, MAKEUP_WORKING_DAY",  // Sunday worked for New Year
    "2026-02-14, MAKEUP_WORKING_DAY",
    "2026-02-16, HOLIDAY",             // Spring Festival, Monday
    "2026-02-23, HOLIDAY",
    "2026-02-24, WORKING_DAY",
    "2026-02-28, MAKEUP_WORKING_DAY",
    "2025-01-01, HOLIDAY",             // a lone Wednesday off
    "2025-01-26, MAKEUP_WORKING_DAY",
    "2025-10-08, HOLIDAY",             // National Day and Mid-Autumn merged, Wednesday
    "2025-10-09, WORKING_DAY",
    "2025-10-11, MAKEUP_WORKING_DAY",
    "2024-01-01, HOLIDAY",
    "2024-02-09, WORKING_DAY",         // New Year's Eve 2024 was not a holiday
    "2024-02-18, MAKEUP_WORKING_DAY",
    "2024-04-07, MAKEUP_WORKING_DAY",  // the Sunday right after Qingming
    "2024-06-08, HOLIDAY",             // Dragon Boat joined with the weekend
  })
  void shippedFilesGiveTheAnnouncedDayTypes(LocalDate date, DayType expected) {
    assertEquals(expected, CN.dayType(date));
    assertEquals(expected.isWorking(), CN.isWorkingDay(date));
  }

  @Test
  void shippedYearsHaveTheAnnouncedNumberOfHolidaysAndMakeupDays() {
    // Days off and make-up days counted from each year's State Council notice.
    assertEquals(List.of(28, 5), countDays(2025));
    assertEquals(List.of(33, 6), countDays(2026));
    // 2024: the New Year period's Dec 30-31 lie in 2023, so 2024 itself holds 1 + 8 + 3 + 5 + 3 + 3 + 7.
    assertEquals(List.of(30, 8), countDays(2024));
  }

  private static List<Integer> countDays(int year) {
    int holidays = 0;
    int makeup = 0;
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      holidays += CN.dayType(d) == DayType.HOLIDAY ? 1 : 0;
      makeup += CN.dayType(d) == DayType.MAKEUP_WORKING_DAY ? 1 : 0;
    }
    return List.of(holidays, makeup);
  }

  @Test
  void shippedFilesAreNamedAfterTheirYearAndRegion() {
    ShippedHolidays.files().forEach((name, map) -> {
      assertEquals(name, map.get("year") + ".yaml");
      assertEquals("CN", map.get("region"));
    });
    assertEquals(Set.of(2024, 2025, 2026), CN.coveredYears());
    assertTrue(CN.covers(2026));
    assertFalse(CN.covers(2027));
    assertEquals("CN", CN.region());
  }

  @Test
  void findsTheWholeHolidayPeriodOfADay() {
    HolidayPeriod nationalDay = CN.periodOf(LocalDate.of(2026, 10, 5)).orElseThrow();
    assertEquals(new HolidayPeriod("national_day", "国庆节", "National Day", LocalDate.of(2026, 10, 1),
        LocalDate.of(2026, 10, 7), List.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10))), nationalDay);
    assertEquals(Optional.empty(), CN.periodOf(LocalDate.of(2026, 10, 10)));
    assertEquals("国庆节、中秋节", CN.periodOf(LocalDate.of(2025, 10, 6)).orElseThrow().nameZh());
  }

  @Test
  void listsTheYearsPeriodsInOrder() {
    assertEquals(List.of("new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn",
        "national_day"), CN.periods(2026).stream().map(HolidayPeriod::key).toList());
    HolidayPeriod newYear2024 = CN.periods(2024).get(0);
    assertEquals(LocalDate.of(2023, 12, 30), newYear2024.first());
    assertEquals(LocalDate.of(2024, 1, 1), newYear2024.last());
  }

  @Test
  void aYearWithoutDataIsReportedNotGuessed() {
    YearNotCoveredException e = assertThrows(YearNotCoveredException.class,
        () -> CN.dayType(LocalDate.of(2027, 3, 3)));
    assertEquals("CN", e.region());
    assertEquals(2027, e.year());
    assertEquals("The CN holiday calendar has no data for 2027 (it covers 2024, 2025, 2026). Add"
        + " config/holidays/CN/2027.yaml from that year's official holiday arrangement and restart the node.",
        e.getMessage());
    assertThrows(YearNotCoveredException.class, () -> CN.isWorkingDay(LocalDate.of(2023, 6, 1)));
    assertThrows(YearNotCoveredException.class, () -> CN.periodOf(LocalDate.of(2027, 1, 1)));
    assertThrows(YearNotCoveredException.class, () -> CN.periods(2027));
    // Even a day inside a shipped period is unknown while its own year has no data.
    assertThrows(YearNotCoveredException.class, () -> CN.dayType(LocalDate.of(2023, 12, 30)));
  }

  @Test
  void calendarsPlugInByRegion() {
    Map<String, Object> germany = year(2026);
    germany.put("region", "DE");
    HolidayCalendar de = HolidayCalendar.fromYearMaps("DE", List.of(germany));
    HolidayCalendars calendars = HolidayCalendars.of(List.of(CN, de));
    assertEquals(Optional.of(CN), calendars.forRegion("CN"));
    assertEquals(Optional.of(de), calendars.forRegion("DE"));
    assertEquals(Optional.empty(), calendars.forRegion("HK"));
    assertThrows(IllegalArgumentException.class, () -> HolidayCalendars.of(List.of(CN, CN)));
  }

  @Test
  void aMissingWeekendMeansSaturdayAndSunday() {
    Map<String, Object> year = year(2026);
    year.remove("weekend");
    HolidayCalendar calendar = calendar(year);
    assertEquals(DayType.REST_DAY, calendar.dayType(LocalDate.of(2026, 10, 17)));
    assertEquals(DayType.WORKING_DAY, calendar.dayType(LocalDate.of(2026, 10, 16)));
  }

  @Test
  void theWeekendIsPartOfTheData() {
    Map<String, Object> year = year(2026, period("eid", "2026-03-20", "2026-03-22", "2026-03-14"));
    year.put("weekend", List.of("FRIDAY", "SATURDAY"));
    HolidayCalendar calendar = calendar(year);
    assertEquals(DayType.REST_DAY, calendar.dayType(LocalDate.of(2026, 10, 16)));
    assertEquals(DayType.WORKING_DAY, calendar.dayType(LocalDate.of(2026, 10, 18)));
    assertEquals(DayType.MAKEUP_WORKING_DAY, calendar.dayType(LocalDate.of(2026, 3, 14)));
  }

  @Test
  void aNewYearPeriodMayStartInDecemberWithAMakeupDayBeforeIt() {
    HolidayCalendar calendar = calendar(year(2025),
        year(2026, period("new_year", "2025-12-31", "2026-01-02", "2025-12-28", "2026-01-04")));
    assertEquals(DayType.HOLIDAY, calendar.dayType(LocalDate.of(2025, 12, 31)));
    assertEquals(DayType.MAKEUP_WORKING_DAY, calendar.dayType(LocalDate.of(2025, 12, 28)));
    assertEquals(DayType.WORKING_DAY, calendar.dayType(LocalDate.of(2025, 12, 30)));
    assertEquals(List.of("new_year"), calendar.periods(2025).stream().map(HolidayPeriod::key).toList());
  }

  @Test
  void rejectsAPeriodThatEndsBeforeItStarts() {
    assertRejected("CN 2026: period national_day: first 2026-10-09 is after last 2026-10-07",
        year(2026, period("national_day", "2026-10-09", "2026-10-07")));
  }

  @Test
  void rejectsOverlappingPeriods() {
    assertRejected("CN 2026: period b (2026-10-05 to 2026-10-09) overlaps period a (2026-10-01 to 2026-10-07)"
        + " of 2026", year(2026, period("a", "2026-10-01", "2026-10-07"), period("b", "2026-10-05", "2026-10-09")));
    assertRejected("CN 2026: period a (2026-10-01 to 2026-10-07) overlaps period b (2026-10-07 to 2026-10-09)"
        + " of 2026", year(2026, period("b", "2026-10-07", "2026-10-09"), period("a", "2026-10-01", "2026-10-07")));
    assertRejected("CN 2026: period new_year (2025-12-31 to 2026-01-02) overlaps period old_year (2025-12-30 to"
        + " 2025-12-31) of 2025", year(2025, period("old_year", "2025-12-30", "2025-12-31")),
        year(2026, period("new_year", "2025-12-31", "2026-01-02")));
  }

  @Test
  void rejectsAMakeupDayThatIsNotAWeekendDay() {
    assertRejected("CN 2026: period national_day: make-up day 2026-10-08 is a Thursday, not a weekend day",
        year(2026, period("national_day", "2026-10-01", "2026-10-07", "2026-10-08")));
  }

  @Test
  void rejectsAMakeupDayInsideAPeriod() {
    assertRejected("CN 2026: period national_day: make-up day 2026-10-03 is inside period national_day"
        + " (2026-10-01 to 2026-10-07)", year(2026, period("national_day", "2026-10-01", "2026-10-07", "2026-10-03")));
    assertRejected("CN 2026: period national_day: make-up day 2026-09-26 is inside period mid_autumn"
        + " (2026-09-25 to 2026-09-27)", year(2026, period("mid_autumn", "2026-09-25", "2026-09-27"),
        period("national_day", "2026-10-01", "2026-10-07", "2026-09-26")));
  }

  @Test
  void rejectsAMakeupDayListedTwice() {
    assertRejected("CN 2026: period b: make-up day 2026-10-10 is listed more than once",
        year(2026, period("a", "2026-10-01", "2026-10-07", "2026-10-10"), period("b", "2026-10-12", "2026-10-13",
            "2026-10-10")));
  }

  @Test
  void rejectsDuplicateYears() {
    assertRejected("CN: year 2026 is given twice", year(2026), year(2026));
  }

  @Test
  void rejectsDatesOutsideTheYearExceptAcrossTheYearEnd() {
    assertRejected("CN 2026: period labour_day: 2025-05-01 to 2025-05-05 is not in 2026 (only a period across the"
        + " year end may reach into the next or previous year)",
        year(2026, period("labour_day", "2025-05-01", "2025-05-05")));
    assertRejected("CN 2026: period spring_festival: make-up day 2025-12-27 is not in 2026 (only a period across"
        + " the year end may have make-up days, next to it, in another year)",
        year(2026, period("spring_festival", "2026-02-15", "2026-02-23", "2025-12-27")));
    // Next to a New Year period, but one that does not cross the year end.
    assertRejected("CN 2026: period new_year: make-up day 2025-12-27 is not in 2026 (only a period across"
        + " the year end may have make-up days, next to it, in another year)",
        year(2026, period("new_year", "2026-01-01", "2026-01-03", "2025-12-27")));
    // Across the year end, but not next to the period.
    assertRejected("CN 2026: period new_year: make-up day 2025-12-13 is not in 2026 (only a period across"
        + " the year end may have make-up days, next to it, in another year)",
        year(2026, period("new_year", "2025-12-31", "2026-01-02", "2025-12-13")));
  }

  @Test
  void rejectsMalformedYearData() {
    Map<String, Object> otherRegion = year(2026);
    otherRegion.put("region", "HK");
    assertRejected("CN 2026: region is HK, expected CN", otherRegion);

    Map<String, Object> typo = year(2026);
    typo.put("holidays", List.of());
    assertRejected("CN 2026: unknown key holidays (known: [periods, region, weekend, year])", typo);

    Map<String, Object> noYear = year(2026);
    noYear.remove("year");
    assertRejected("CN: year data #1: year is missing or not a whole number: null", noYear);

    Map<String, Object> badWeekend = year(2026);
    badWeekend.put("weekend", List.of("SATURDAY", "SONNTAG"));
    assertRejected("CN 2026: weekend: SONNTAG is not a day name (MONDAY..SUNDAY)", badWeekend);

    Map<String, Object> noPeriods = year(2026);
    noPeriods.remove("periods");
    assertRejected("CN 2026: periods must be a list (it may be empty)", noPeriods);

    assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.fromYearMaps("CN", List.of()));
    assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.fromYearMaps(" ", List.of(year(2026))));
  }

  @Test
  void rejectsMalformedPeriods() {
    Map<String, Object> typo = period("national_day", "2026-10-01", "2026-10-07");
    typo.put("makeup_workingdays", List.of("2026-10-10"));
    assertRejected("CN 2026: period national_day: unknown key makeup_workingdays (known: [first, key, last,"
        + " makeup_working_days, name_en, name_zh])", year(2026, typo));

    Map<String, Object> noName = period("national_day", "2026-10-01", "2026-10-07");
    noName.remove("name_en");
    assertRejected("CN 2026: period national_day: name_en is missing", year(2026, noName));

    assertRejected("CN 2026: period spring_festival: last 2026-02-30 is not a date (yyyy-mm-dd)",
        year(2026, period("spring_festival", "2026-02-15", "2026-02-30")));
    assertRejected("CN 2026: period #1: key must be lower-case letters, digits and _, e.g. national_day; got"
        + " National Day", year(2026, period("National Day", "2026-10-01", "2026-10-07")));
    assertRejected("CN 2026: period key a is used twice",
        year(2026, period("a", "2026-10-01", "2026-10-07"), period("a", "2026-10-12", "2026-10-13")));
  }

  @SafeVarargs
  private static void assertRejected(String message, Map<String, Object>... years) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> calendar(years));
    assertEquals(message, e.getMessage());
  }

  @SafeVarargs
  static HolidayCalendar calendar(Map<String, Object>... years) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map<String, Object> year : years) {
      list.add(year);
    }
    return HolidayCalendar.fromYearMaps("CN", list);
  }

  /** A year map as the YAML reader gives it, with Saturday and Sunday as the weekend. */
  @SafeVarargs
  static Map<String, Object> year(int year, Map<String, Object>... periods) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("region", "CN");
    map.put("year", year);
    map.put("weekend", List.of("SATURDAY", "SUNDAY"));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map<String, Object> period : periods) {
      list.add(period);
    }
    map.put("periods", list);
    return map;
  }

  static Map<String, Object> period(String key, String first, String last, String... makeupDays) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("key", key);
    map.put("name_zh", "测试");
    map.put("name_en", "Test");
    map.put("first", first);
    map.put("last", last);
    map.put("makeup_working_days", List.of(makeupDays));
    return map;
  }
}
