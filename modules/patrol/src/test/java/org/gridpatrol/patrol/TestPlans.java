package org.gridpatrol.patrol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.plan.DaySelector;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.domain.plan.PlanVersion;
import org.gridpatrol.domain.plan.Requirement;
import org.gridpatrol.domain.plan.WindowSpec;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.store.PlanRepository.OfficerRef;

/** Plans for the watchers' tests: one daily window from 08:00 to 20:00 UTC, the day under test 2026-11-23. */
final class TestPlans {
  /** Every day of the window selects without asking the calendar; it is needed all the same. */
  static final HolidayCalendar CALENDAR = HolidayCalendar.fromYearMaps("CN",
      List.of(Map.of("region", "CN", "year", 2026, "periods", List.of())));
  static final String WINDOW_ID = "day@2026-11-23";
  /** Every cell visited at least every 30 minutes, no grace. */
  static final Requirement EVERY_30_MINUTES = new Requirement(0, Duration.ofMinutes(30), null, Duration.ZERO);

  private TestPlans() {}

  /** That time of 2026-11-23 (UTC), e.g. {@code 08:30} or {@code 08:29:59}. */
  static Instant at(String time) {
    return LocalTime.parse(time).atDate(LocalDate.of(2026, 11, 23)).toInstant(ZoneOffset.UTC);
  }

  /**
   * @param cellShards cell id to the cell's shard
   * @param officers   on duty in the plan's windows
   */
  static TrackedPlan plan(long id, Map<Long, Integer> cellShards, List<OfficerRef> officers) {
    PlanVersion version = new PlanVersion(1, Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC,
        List.of(new WindowSpec("day", LocalTime.of(8, 0), LocalTime.of(20, 0), DaySelector.everyDay())),
        EVERY_30_MINUTES);
    return new TrackedPlan(id, PlanHistory.of(version), Map.of(1, cellShards), Map.of(1, officers));
  }
}
