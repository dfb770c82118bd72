package org.gridpatrol.patrol;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gridpatrol.checkin.LiveGrid;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.grid.CellIndex;
import org.gridpatrol.domain.plan.CellCoverage;
import org.gridpatrol.domain.plan.CoverageEvaluator;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.domain.plan.PlanVersion;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.Visit;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries.VisitRow;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * How well plans are kept: a plan's coverage in one of its windows, cell by cell, and a cell's coverage in
 * every plan window running now (the map's cell popup).
 */
public final class CoverageRoutes implements Routes {
  private final Guard guard;
  private final PlanRepository plans;
  private final VisiblePlans visible;
  private final PlanService planService;
  private final PositionQueries positions;
  private final GridRepository gridRepository;
  private final LiveGrid grid;
  private final Duration visitGap;
  private final CityClock time;

  /** @param visitGap fixes in a cell this close together are one visit */
  public CoverageRoutes(Guard guard, PlanRepository plans, PlanService planService, PositionQueries positions,
                        GridRepository gridRepository, LiveGrid grid, Duration visitGap, CityClock time) {
    this.guard = guard;
    this.plans = plans;
    this.visible = new VisiblePlans(plans);
    this.planService = planService;
    this.positions = positions;
    this.gridRepository = gridRepository;
    this.grid = grid;
    this.visitGap = visitGap;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    router.get("/api/v1/plans/:id/coverage").handler(view).handler(this::coverage);
    router.get("/api/v1/cells/:code/coverage").handler(view).handler(this::cellCoverage);
  }

  /**
   * {@code GET /api/v1/plans/{id}/coverage?window=night@2026-10-01} (or {@code ?at=} an instant, default now:
   * the window running then, else the last one started): per cell, visits done and needed, the longest gap,
   * the status, and what was missed.
   */
  private void coverage(RoutingContext ctx) {
    String windowId = ctx.queryParams().get("window");
    long id = PlanRoutes.planId(ctx);
    Instant at = Input.instant("at", ctx.queryParams().get("at"), time.now());
    if (windowId != null && !windowId.matches("[A-Za-z0-9_-]{1,40}@\\d{4}-\\d{2}-\\d{2}")) {
      throw new InputException("window", "window_id", "window is key@date, e.g. night@2026-10-01");
    }
    visible.visible(ctx, id).compose(found -> {
      if (found.isEmpty()) {
        ctx.fail(RequestException.notFound("id", "no plan " + id));
        return Future.succeededFuture();
      }
      PlanRow row = found.get();
      Optional<PlannedWindow> window;
      try {
        window = findWindow(planService.history(row), windowId, at);
      } catch (YearNotCoveredException e) {
        ctx.fail(RequestException.conflict("window", "year_not_covered", e.getMessage()));
        return Future.succeededFuture();
      }
      if (window.isEmpty()) {
        ctx.fail(RequestException.notFound("window", windowId == null
            ? "plan " + id + " has had no window up to " + local(at) : "plan " + id + " has no window " + windowId));
        return Future.succeededFuture();
      }
      return evaluate(row, window.get(), Caller.of(ctx).scope()).map(body -> {
        Replies.json(ctx, 200, body);
        return null;
      });
    }).onFailure(ctx::fail);
  }

  /** The plan's coverage in a window for the cells of its version that lie in {@code scope}. */
  private Future<JsonObject> evaluate(PlanRow plan, PlannedWindow planned, AreaScope scope) {
    return plans.cells(plan.id(), planned.version().version()).compose(cellIds -> cellCodes(cellIds))
        .compose(codes -> {
          Map<Long, String> shown = new TreeMap<>();
          codes.forEach((id, code) -> {
            if (scope.covers(code)) {
              shown.put(id, code);
            }
          });
          return evaluate(plan, planned, shown);
        });
  }

  /** Coverage of the given cells (id -> code) in a window of the plan. */
  private Future<JsonObject> evaluate(PlanRow plan, PlannedWindow planned, Map<Long, String> cellCodes) {
    Instant now = time.now();
    PlanVersion version = planned.version();
    List<Long> cellIds = List.copyOf(cellCodes.keySet());
    return positions.visits(cellIds, planned.window().start(), planned.window().end(), visitGap)
        .map(visits -> {
          Map<Long, List<Visit>> byCell = new HashMap<>();
          for (VisitRow visit : visits) {
            byCell.computeIfAbsent(visit.cellId(), c -> new ArrayList<>())
                .add(new Visit(visit.start(), visit.end(), visit.explicit()));
          }
          Map<CellCoverage.Status, Integer> counts = new EnumMap<>(CellCoverage.Status.class);
          JsonArray cells = new JsonArray();
          for (Long cellId : cellIds) {
            CellCoverage coverage = CoverageEvaluator.evaluate(planned.window(), version.requirement(),
                byCell.getOrDefault(cellId, List.of()), now);
            counts.merge(coverage.status(), 1, Integer::sum);
            cells.add(new JsonObject()
                .put("cell", cellCodes.get(cellId))
                .put("status", coverage.status().name().toLowerCase(Locale.ROOT))
                .put("visits", coverage.countedVisits().size())
                .put("visitsNeeded", coverage.visitsNeeded())
                .put("longestGapMinutes", coverage.longestGap().toMinutes())
                .put("nextDeadline", coverage.nextDeadline().map(this::local).orElse(null))
                .put("overdueSince", coverage.overdueSince().map(this::local).orElse(null))
                .put("missed", coverage.missed().isEmpty() ? null : coverage.missed()));
          }
          JsonObject summary = new JsonObject();
          counts.forEach((status, n) -> summary.put(status.name().toLowerCase(Locale.ROOT), n));
          return new JsonObject()
              .put("plan", plan.id())
              .put("name", plan.name())
              .put("version", version.version())
              .put("window", planned.window().id())
              .put("start", local(planned.window().start()))
              .put("end", local(planned.window().end()))
              .put("asOf", local(now))
              .put("summary", summary)
              .put("cells", cells);
        });
  }

  /**
   * {@code GET /api/v1/cells/{code}/coverage}: the cell in every plan window running now that covers it (the
   * map's cell popup): per window the cell's visits done and needed, longest gap, status.
   */
  private void cellCoverage(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!CellCode.isValid(code)) {
      ctx.fail(new RequestException(400, "code", "cell_code", "a cell code has 15 digits, got '" + code + "'"));
      return;
    }
    Optional<CellIndex.IndexedCell> cell = grid.byCode(code);
    if (cell.isEmpty() || !Caller.of(ctx).sees(code)) {
      ctx.fail(RequestException.notFound("code", "no cell " + code));
      return;
    }
    Instant now = time.now();
    long cellId = cell.get().id();
    plans.versionsWithCell(cellId).compose(versions -> plans.list(false).compose(rows -> {
      List<Future<JsonObject>> windows = new ArrayList<>();
      for (PlanRow row : rows) {
        Set<Integer> withCell = versions.getOrDefault(row.id(), Set.of());
        planService.runningWindows(row, now).stream().filter(w -> withCell.contains(w.version().version()))
            .forEach(w -> windows.add(evaluate(row, w, Map.of(cellId, code))));
      }
      return Future.all(windows).map(done -> {
        JsonArray list = new JsonArray();
        windows.forEach(window -> {
          JsonObject result = window.result();
          JsonObject mine = result.getJsonArray("cells").getJsonObject(0);
          list.add(new JsonObject().put("plan", new JsonObject().put("id", result.getLong("plan"))
                  .put("name", result.getString("name")))
              .put("window", result.getString("window")).put("start", result.getString("start"))
              .put("end", result.getString("end")).mergeIn(mine.copy().put("cell", null)));
        });
        return new JsonObject().put("cell", code).put("asOf", local(now)).put("windows", list);
      });
    })).onSuccess(body -> Replies.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private Future<Map<Long, String>> cellCodes(List<Long> cellIds) {
    return gridRepository.codes(cellIds);
  }

  private Optional<PlannedWindow> findWindow(PlanHistory history, String windowId, Instant at) {
    if (windowId != null) {
      LocalDate day = LocalDate.parse(windowId.substring(windowId.indexOf('@') + 1));
      Instant from = day.minusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant();
      Instant to = day.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
      return history.windows(planService.calendar(), from, to).stream().filter(w -> w.window().id().equals(windowId)).findFirst();
    }
    List<PlannedWindow> recent = history.windows(planService.calendar(), at.minus(Duration.ofDays(8)), at.plusSeconds(1));
    return recent.stream().filter(w -> !w.window().start().isAfter(at))
        .max(Comparator.comparing(w -> w.window().start()));
  }

  private String local(Instant instant) {
    return time.local(instant);
  }
}
