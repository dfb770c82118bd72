package org.gridpatrol.domain.plan;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.gridpatrol.domain.calendar.DayType.HOLIDAY;
import static org.gridpatrol.domain.calendar.DayType.MAKEUP_WORKING_DAY;
import static org.gridpatrol.domain.calendar.DayType.WORKING_DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.ShippedHolidays;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.junit.jupiter.api.Test;

class DaySelectorTest {
  private static final HolidayCalendar CN = ShippedHolidays.CN;
  private static final LocalDate FIRST_COVERED = LocalDate.of(2024, 1, 1);
  private static final LocalDate LAST_COVERED = LocalDate.of(2026, 12, 31);

  private static Set<LocalDate> selectedIn(int year, DaySelector selector) {
    Set<LocalDate> days = new TreeSet<>();
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      if (selector.selects(d, CN)) {
        days.add(d);
      }
    }
    return days;
  }

  private static Set<LocalDate> days(String first, String last) {
    Set<LocalDate> days = new TreeSet<>();
    for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  @Test
  void nationalDaySelectsExactlyItsSevenDays() {
    assertEquals(days("2026-10-01", "2026-10-07"), selectedIn(2026, DaySelector.duringHolidayPeriods("national_day")));
    // 2025: National Day and Mid-Autumn were one period of eight days under the key national_day.
    assertEquals(days("2025-10-01", "2025-10-08"), selectedIn(2025, DaySelector.duringHolidayPeriods("national_day")));
  }

  @Test
  void makeupWorkingDaysAreSelectedByTheirType() {
    Set<LocalDate> makeup = selectedIn(2026, DaySelector.onDayTypes(MAKEUP_WORKING_DAY));
    assertTrue(makeup.contains(LocalDate.of(2026, 10, 10)), "Saturday worked for National Day");
    assertTrue(makeup.contains(LocalDate.of(2026, 9, 20)), "Sunday worked for National Day");
    assertFalse(makeup.contains(LocalDate.of(2026, 10, 11)), "an ordinary Sunday");
    assertEquals(6, makeup.size());
  }

  @Test
  void weekdayRulesLookAtTheWeekdayOnly() {
    DaySelector sundays = DaySelector.weekdays(SUNDAY);
    assertEquals(HOLIDAY, CN.dayType(LocalDate.of(2026, 10, 4)));
    assertTrue(sundays.selects(LocalDate.of(2026, 10, 4), CN), "a Sunday inside National Day");
    assertEquals(MAKEUP_WORKING_DAY, CN.dayType(LocalDate.of(2026, 9, 20)));
    assertTrue(sundays.selects(LocalDate.of(2026, 9, 20), CN), "a Sunday worked as a make-up day");
    assertFalse(sundays.selects(LocalDate.of(2026, 10, 5), CN));
  }

  @Test
  void kindsAreOrEdAndTheValidityIsAndEd() {
    DaySelector saturdaysAndNationalDay = new DaySelector(Set.of(SATURDAY), null, Set.of("national_day"), null,
        null, LocalDate.of(2026, 10, 1), null);
    Set<LocalDate> selected = selectedIn(2026, saturdaysAndNationalDay);
    assertTrue(selected.containsAll(days("2026-10-01", "2026-10-07")));
    assertTrue(selected.contains(LocalDate.of(2026, 10, 10)));
    assertTrue(selected.contains(LocalDate.of(2026, 12, 26)));
    assertFalse(selected.contains(LocalDate.of(2026, 9, 26)), "a Saturday before validFrom");
    assertEquals(7 + 13 - 1, selected.size(), "Oct 1-7 and the 13 Saturdays from Oct 3 on, Oct 3 counted once");
  }

  @Test
  void simpleForms() {
    assertEquals(days("2026-01-01", "2026-12-31"), selectedIn(2026, DaySelector.everyDay()));
    assertEquals(days("2026-02-27", "2026-03-02"),
        selectedIn(2026, DaySelector.between(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 2))));
    assertEquals(Set.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 1)),
        selectedIn(2026, DaySelector.onDates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 1))));
    assertEquals(days("2026-03-01", "2026-03-31"),
        selectedIn(2026, DaySelector.everyDay().limitedTo(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))));
  }

  @Test
  void theCalendarIsAskedOnlyWhenNeeded() {
    LocalDate uncovered = LocalDate.of(2030, 3, 1); // a Friday
    assertTrue(DaySelector.everyDay().selects(uncovered, CN));
    assertTrue(DaySelector.weekdays(FRIDAY).selects(uncovered, CN));
    assertTrue(new DaySelector(Set.of(FRIDAY), Set.of(HOLIDAY), null, null, null, null, null).selects(uncovered, CN));
    assertFalse(DaySelector.onDayTypes(WORKING_DAY).limitedTo(null, LAST_COVERED).selects(uncovered, CN));
    assertThrows(YearNotCoveredException.class, () -> DaySelector.onDayTypes(WORKING_DAY).selects(uncovered, CN));
    assertThrows(YearNotCoveredException.class,
        () -> DaySelector.duringHolidayPeriods("national_day").selects(uncovered, CN));
  }

  @Test
  void rejectsMalformedSelectors() {
    assertThrows(IllegalArgumentException.class, () -> DaySelector.duringHolidayPeriods("National Day"));
    assertThrows(IllegalArgumentException.class,
        () -> DaySelector.everyDay().limitedTo(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> DaySelector.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)));
  }

  @Property
  void workingDayTypesNeverSelectAHoliday(@ForAll @IntRange(max = 1095) int offset) {
    LocalDate day = FIRST_COVERED.plusDays(offset);
    if (DaySelector.onDayTypes(WORKING_DAY, MAKEUP_WORKING_DAY).selects(day, CN)) {
      assertTrue(CN.dayType(day).isWorking(), day::toString);
    } else {
      assertTrue(!CN.dayType(day).isWorking(), day::toString);
    }
  }

  @Property
  void aDayIsSelectedIffItIsValidAndMatchesSomeListedKind(
      @ForAll Set<DayOfWeek> weekdays, @ForAll Set<DayType> dayTypes, @ForAll("periodKeys") Set<String> periods,
      @ForAll @IntRange(max = 1095) int offset, @ForAll @IntRange(max = 1095) int fromOffset,
      @ForAll @IntRange(max = 400) int validDays, @ForAll boolean limited) {
    LocalDate day = FIRST_COVERED.plusDays(offset);
    LocalDate dateKind = FIRST_COVERED.plusDays(fromOffset);
    LocalDate validFrom = limited ? FIRST_COVERED.plusDays(fromOffset) : null;
    LocalDate validUntil = limited ? validFrom.plusDays(validDays) : null;
    DaySelector selector = new DaySelector(weekdays, dayTypes, periods, Set.of(dateKind), null, validFrom,
        validUntil);

    boolean valid = !limited || !day.isBefore(validFrom) && !day.isAfter(validUntil);
    List<Predicate<LocalDate>> kinds = List.of(
        d -> weekdays.contains(d.getDayOfWeek()),
        d -> dayTypes.contains(CN.dayType(d)),
        d -> CN.periodOf(d).map(p -> periods.contains(p.key())).orElse(false),
        d -> d.equals(dateKind));
    assertEquals(valid && kinds.stream().anyMatch(k -> k.test(day)), selector.selects(day, CN));
  }

  @Provide
  Arbitrary<Set<String>> periodKeys() {
    return Arbitraries.of(Stream.of(2024, 2025, 2026).flatMap(y -> CN.periods(y).stream())
        .map(p -> p.key()).distinct().toList()).set();
  }
}
