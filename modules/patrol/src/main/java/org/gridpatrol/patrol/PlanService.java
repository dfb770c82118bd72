package org.gridpatrol.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.domain.plan.PlanVersion;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.WindowInstance;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.web.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checking and saving plans, for the API and for the demo plans alike. */
public final class PlanService {
  private static final Logger LOG = LoggerFactory.getLogger(PlanService.class);

  private final PlanRepository plans;
  private final GridRepository gridRepository;
  private final LiveGrid grid;
  private final HolidayCalendar calendar;
  private final ZoneId cityZone;

  /**
   * @param calendar the city's holiday calendar, which places the plans' windows
   * @param cityZone the zone of a plan that names none
   */
  public PlanService(PlanRepository plans, GridRepository gridRepository, LiveGrid grid, HolidayCalendar calendar,
                     ZoneId cityZone) {
    this.plans = plans;
    this.gridRepository = gridRepository;
    this.grid = grid;
    this.calendar = calendar;
    this.cityZone = cityZone;
  }

  public HolidayCalendar calendar() {
    return calendar;
  }

  public record Created(long id, int cells) {}

  /**
   * Reads and checks a plan. Holiday period keys must be ones the calendar knows: a misspelt key would
   * otherwise never match a day.
   */
  public PlanJson decode(JsonObject body, Instant now) {
    PlanJson plan = PlanJson.decode(body, cityZone, now);
    Set<String> known = new HashSet<>();
    calendar.coveredYears().forEach(year -> calendar.periods(year).forEach(period -> known.add(period.key())));
    for (int i = 0; i < plan.windows().size(); i++) {
      for (String key : plan.windows().get(i).days().holidayPeriods()) {
        if (!known.contains(key)) {
          throw new InputException("windows[" + i + "].days.holidayPeriods", "unknown_period",
              "no holiday period '" + key + "' in the calendar; known: " + new TreeSet<>(known));
        }
      }
    }
    return plan;
  }

  /**
   * The plan's windows running at {@code now} (a window lasts at most a day, so those started in the two days
   * before); none if the calendar cannot place the plan now (a year it does not cover), which is logged.
   */
  public List<PlannedWindow> runningWindows(PlanRepository.PlanRow row, Instant now) {
    try {
      return history(row).windows(calendar, now.minus(Duration.ofDays(2)), now.plusSeconds(1)).stream()
          .filter(window -> !window.window().start().isAfter(now) && window.window().end().isAfter(now))
          .toList();
    } catch (YearNotCoveredException e) {
      LOG.warn("Plan {} has no window that can be placed now: {}", row.id(), e.getMessage());
      return List.of();
    }
  }

  /**
   * The plan's windows of a day in the city: those starting on it (a window belongs to the day it starts on,
   * so a night window of 22:00-06:00 is the evening's), in start order.
   *
   * @throws YearNotCoveredException if the plan's days depend on the holiday calendar and it has no data for
   *                                 that day's year
   */
  public List<WindowInstance> windowsOn(PlanRepository.PlanRow row, LocalDate day) {
    Instant start = day.atStartOfDay(cityZone).toInstant();
    Instant end = day.plusDays(1).atStartOfDay(cityZone).toInstant();
    return history(row).windows(calendar, start, end).stream().map(PlannedWindow::window)
        .filter(window -> !window.start().isBefore(start)).toList();
  }

  /** The domain history of a stored plan: its versions as the definitions read back. */
  public PlanHistory history(PlanRepository.PlanRow row) {
    List<PlanVersion> versions = new ArrayList<>();
    for (PlanRepository.VersionRow version : row.versions()) {
      versions.add(PlanJson.decode(version.definition(), cityZone, version.effectiveFrom())
          .version(version.version()));
    }
    return new PlanHistory(versions, row.retiredAt());
  }

  public Future<Created> create(PlanJson plan, AreaScope scope) {
    return resolve(plan, scope).compose(r -> plans.create(plan.name(), r.teamId(), plan.effectiveFrom(), plan.definition(),
        r.cellIds()).map(id -> new Created(id, r.cellIds().size())));
  }

  /** A checked plan with its cells resolved against the grid. */
  record Resolved(PlanJson plan, Long teamId, List<Long> cellIds) {}

  /** Resolves the plan's cells, which must all lie in {@code scope} (the planner's areas). */
  Future<Resolved> resolve(PlanJson plan, AreaScope scope) {
    Future<Optional<Long>> team = plan.teamCode() == null ? Future.succeededFuture(Optional.empty())
        : plans.teamId(plan.teamCode());
    Future<PlanRepository.ResolvedCells> cells = plans.resolve(plan.cellCodes(), plan.cellPrefixes());
    Future<Set<String>> officers = plan.officers().isEmpty() ? Future.succeededFuture(Set.of())
        : plans.officersByTeam().map(byTeam -> {
          Set<String> codes = new HashSet<>();
          byTeam.values().forEach(list -> list.forEach(o -> codes.add(o.code())));
          return codes;
        });
    return Future.all(team, cells, officers).compose(done -> {
      if (plan.teamCode() != null && team.result().isEmpty()) {
        return Future.failedFuture(new InputException("team", "not_found", "no team " + plan.teamCode()));
      }
      List<String> unknownOfficers = plan.officers().stream().filter(o -> !officers.result().contains(o)).toList();
      if (!unknownOfficers.isEmpty()) {
        return Future.failedFuture(new InputException("officers", "not_found", "no officers " + unknownOfficers));
      }
      if (!cells.result().unknownCodes().isEmpty()) {
        return Future.failedFuture(new InputException("cells.codes", "not_found",
            "cells not in the grid: " + cells.result().unknownCodes()));
      }
      Set<Long> ids = new LinkedHashSet<>(cells.result().ids());
      if (plan.area() != null) {
        grid.inArea(plan.area()).forEach(cell -> ids.add(cell.id()));
      }
      if (ids.isEmpty()) {
        return Future.failedFuture(new InputException("cells", "empty", "the selection holds no cell of the grid"));
      }
      Resolved resolved = new Resolved(plan, team.result().orElse(null), List.copyOf(ids));
      if (scope.isCity()) {
        return Future.succeededFuture(resolved);
      }
      return gridRepository.codes(resolved.cellIds()).compose(codes -> {
        List<String> outside = codes.values().stream().filter(code -> !scope.covers(code)).sorted().toList();
        if (!outside.isEmpty()) {
          return Future.failedFuture(new InputException("cells", "outside_areas", outside.size()
              + " of the plan's cells lie outside your areas (" + scope + "), e.g. " + outside.get(0)));
        }
        return Future.succeededFuture(resolved);
      });
    });
  }

}
