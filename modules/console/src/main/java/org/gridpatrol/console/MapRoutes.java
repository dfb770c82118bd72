package org.gridpatrol.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.cases.CaseView;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.checkin.ClaimRule;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.patrol.PlanService;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.store.GridRepository.CellRow;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/**
 * What the control-room map loads before live updates take over: cells with their patrol status, officers'
 * newest positions in a box, open cases. Everything limited to the caller's areas.
 */
public final class MapRoutes implements Routes {
  private static final int MAX_CELL_PAGE = 2000;
  private static final int MAX_CASES = 2000;
  /** The cells under plans now change when windows open and close; a minute late is soon enough for colour. */
  private static final Duration PLANNED_FOR = Duration.ofSeconds(30);

  private final Guard guard;
  private final ClaimRule claims;
  private final GridRepository cells;
  private final PositionQueries positions;
  private final AlertRepository alerts;
  private final PlanRepository plans;
  private final PlanService planService;
  private final CaseRepository caseRepository;
  private final CaseView caseView;
  private final OfficerView officerView;
  private final String tileUrl;
  private final String tileAttribution;
  private final Duration recent;
  private final Duration silentAfter;
  private final CityClock time;
  private Running running = new Running(Set.of(), List.of());
  private Instant runningAt = Instant.MIN;

  /**
   * @param tileUrl         the base map's tiles; empty for the grid alone
   * @param tileAttribution shown with the tiles
   * @param recent          a cell visited this recently shows as visited
   * @param silentAfter     an officer heard from longer ago shows as silent
   */
  public MapRoutes(Guard guard, GridRepository cells, PositionQueries positions, AlertRepository alerts,
                   PlanRepository plans, PlanService planService, CaseRepository caseRepository, CaseView caseView,
                   String tileUrl, String tileAttribution, Duration recent, Duration silentAfter,
                   ClaimRule claims, CityClock time) {
    this.guard = guard;
    this.claims = claims;
    this.cells = cells;
    this.positions = positions;
    this.alerts = alerts;
    this.plans = plans;
    this.planService = planService;
    this.caseRepository = caseRepository;
    this.caseView = caseView;
    this.officerView = new OfficerView(time, silentAfter);
    this.tileUrl = tileUrl;
    this.tileAttribution = tileAttribution;
    this.recent = recent;
    this.silentAfter = silentAfter;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    router.get("/api/v1/map/config").handler(view).handler(this::config);
    router.get("/api/v1/map/cells").handler(view).handler(this::cells);
    router.get("/api/v1/map/officers").handler(view).handler(this::officers);
    router.get("/api/v1/map/cases").handler(view).handler(this::openCases);
  }

  /** {@code GET /api/v1/map/config}: what the page needs to draw: tiles, the city's time zone, the thresholds. */
  private void config(RoutingContext ctx) {
    Replies.json(ctx, 200, new JsonObject()
        .put("tileUrl", tileUrl.isBlank() ? null : tileUrl)
        .put("tileAttribution", tileAttribution)
        .put("timeZone", time.zone().getId())
        .put("recentMinutes", recent.toMinutes())
        .put("silentAfterMinutes", silentAfter.toMinutes())
        // The handheld offers an explicit check-in only where it would count.
        .put("claimToleranceMetres", claims.toleranceMetres())
        .put("claimMostAccuracyMetres", ClaimRule.MOST_ACCURACY_METRES));
  }

  /**
   * {@code GET /api/v1/map/cells?prefix=&after=&limit=}: a GeoJSON page of cells, each with its status:
   * {@code overdue} (an unsettled overdue alert in a plan window running now), {@code visited} (a visit in the
   * last map.recent_minutes),
   * {@code due} (under a plan window running now, not visited lately), {@code idle} (in no plan now).
   */
  private void cells(RoutingContext ctx) {
    CellPage request = CellPage.of(ctx, 1000, MAX_CELL_PAGE);
    int limit = request.limit();
    Instant now = time.now();
    cells.list(request.prefix(), request.after(), limit + 1, Caller.of(ctx).areas())
        .compose(rows -> {
          boolean more = rows.size() > limit;
          List<CellRow> page = more ? rows.subList(0, limit) : rows;
          List<Long> ids = page.stream().map(CellRow::id).toList();
          Future<Set<Long>> overdue = runningNow(now)
              .compose(windows -> alerts.overdueCells(ids, windows.windows()));
          Future<Map<Long, Instant>> visits = positions.recentVisits(ids, now.minus(recent));
          Future<Set<Long>> planned = runningNow(now).map(Running::cells);
          return Future.all(overdue, visits, planned).map(done -> {
            JsonArray features = new JsonArray();
            for (CellRow cell : page) {
              Instant visited = visits.result().get(cell.id());
              String status = overdue.result().contains(cell.id()) ? "overdue" : visited != null ? "visited"
                  : planned.result().contains(cell.id()) ? "due" : "idle";
              features.add(new JsonObject().put("type", "Feature")
                  .put("geometry", new JsonObject(cell.geometryGeoJson()))
                  .put("properties", new JsonObject().put("code", cell.code()).put("name", cell.name())
                      .put("street", cell.street()).put("community", cell.community()).put("status", status)
                      .put("lastVisit", time.local(visited))));
            }
            return new JsonObject().put("type", "FeatureCollection").put("features", features)
                .put("next", more ? page.get(page.size() - 1).code() : null);
          });
        }).onSuccess(body -> Replies.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/map/officers?bbox=west,south,east,north}: officers heard from today in the box. */
  private void officers(RoutingContext ctx) {
    double[] box = BoundingBox.parse(ctx.queryParams().get("bbox"));
    Instant now = time.now();
    positions.livePositions(box[0], box[1], box[2], box[3], now.minus(Duration.ofHours(24)),
        Caller.of(ctx).areas()).onSuccess(positions -> {
          JsonArray officers = new JsonArray();
          positions.forEach(position -> officers.add(officerView.json(position, now)));
          Replies.json(ctx, 200, new JsonObject().put("officers", officers));
        }).onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/map/cases}: open cases with their place and escalation card, newest first. */
  private void openCases(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caseRepository.open(caller.areas(), MAX_CASES).onSuccess(rows -> {
      JsonArray list = new JsonArray();
      rows.stream().filter(row -> caller.seesCase(row.cellCode(), row.department()))
          .forEach(row -> list.add(caseView.json(row)));
      Replies.json(ctx, 200, new JsonObject().put("cases", list));
    }).onFailure(ctx::fail);
  }

  /** The plan windows running at a moment, and the cells under them. */
  private record Running(Set<Long> cells, List<AlertRepository.WindowRef> windows) {}

  private Future<Running> runningNow(Instant now) {
    if (now.isBefore(runningAt.plus(PLANNED_FOR)) && !now.isBefore(runningAt)) {
      return Future.succeededFuture(running);
    }
    return plans.list(false).compose(rows -> {
      List<Future<List<Long>>> cells = new ArrayList<>();
      List<AlertRepository.WindowRef> windows = new ArrayList<>();
      for (PlanRow plan : rows) {
        List<PlannedWindow> planned = planService.runningWindows(plan, now);
        planned.forEach(window -> windows.add(new AlertRepository.WindowRef(plan.id(), window.window().id())));
        planned.stream().map(PlannedWindow::version).distinct()
            .forEach(version -> cells.add(plans.cells(plan.id(), version.version())));
      }
      return Future.all(cells).map(done -> {
        Set<Long> all = new HashSet<>();
        cells.forEach(list -> all.addAll(list.result()));
        running = new Running(all, List.copyOf(windows));
        runningAt = now;
        return running;
      });
    });
  }
}
