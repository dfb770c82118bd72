package org.gridpatrol.node;

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
import org.gridpatrol.web.InputException;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.GridRepository.CellRow;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PositionQueries.LivePosition;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Caller;

/**
 * What the control-room map loads before live updates take over: cells with their patrol status, officers'
 * newest positions in a box, open cases. Everything limited to the caller's areas.
 */
final class MapRoutes {
  private static final int MAX_CELL_PAGE = 2000;
  private static final int MAX_CASES = 2000;
  /** The cells under plans now change when windows open and close; a minute late is soon enough for colour. */
  private static final Duration PLANNED_FOR = Duration.ofSeconds(30);

  private final NodeServices services;
  private final CaseRoutes cases;
  private final PlanService planService;
  private final Duration recent;
  private final Duration silentAfter;
  private Running running = new Running(Set.of(), List.of());
  private Instant runningAt = Instant.MIN;

  MapRoutes(NodeServices services, CaseRoutes cases) {
    this.services = services;
    this.cases = cases;
    this.planService = new PlanService(services);
    this.recent = Duration.ofMinutes(services.settings().integer("map.recent_minutes"));
    this.silentAfter = Duration.ofMinutes(services.settings().integer("checkin.silent_after_minutes"));
  }

  void mount(Router router) {
    Handler<RoutingContext> view = services.access().require(Operation.VIEW);
    router.get("/api/v1/map/config").handler(view).handler(this::config);
    router.get("/api/v1/map/cells").handler(view).handler(this::cells);
    router.get("/api/v1/map/officers").handler(view).handler(this::officers);
    router.get("/api/v1/map/cases").handler(view).handler(this::openCases);
  }

  /** {@code GET /api/v1/map/config}: what the page needs to draw: tiles, the city's time zone, the thresholds. */
  private void config(RoutingContext ctx) {
    Settings settings = services.settings();
    Replies.json(ctx, 200, new JsonObject()
        .put("tileUrl", settings.string("map.tile_url").isBlank() ? null : settings.string("map.tile_url"))
        .put("tileAttribution", settings.string("map.tile_attribution"))
        .put("timeZone", services.cityZone().getId())
        .put("recentMinutes", recent.toMinutes())
        .put("silentAfterMinutes", silentAfter.toMinutes()));
  }

  /**
   * {@code GET /api/v1/map/cells?prefix=&after=&limit=}: a GeoJSON page of cells, each with its status:
   * {@code overdue} (an unsettled overdue alert in a plan window running now), {@code visited} (a visit in the
   * last map.recent_minutes),
   * {@code due} (under a plan window running now, not visited lately), {@code idle} (in no plan now).
   */
  private void cells(RoutingContext ctx) {
    CellPage request;
    request = CellPage.of(ctx, 1000, MAX_CELL_PAGE);
    int limit = request.limit();
    Instant now = services.clock().instant();
    services.gridRepository().list(request.prefix(), request.after(), limit + 1, Caller.of(ctx).areas())
        .compose(rows -> {
          boolean more = rows.size() > limit;
          List<CellRow> page = more ? rows.subList(0, limit) : rows;
          List<Long> ids = page.stream().map(CellRow::id).toList();
          Future<Set<Long>> overdue = runningNow(now)
              .compose(windows -> services.alerts().overdueCells(ids, windows.windows()));
          Future<Map<Long, Instant>> visits = services.positions().recentVisits(ids, now.minus(recent));
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
                      .put("lastVisit", visited == null ? null : services.local(visited))));
            }
            return new JsonObject().put("type", "FeatureCollection").put("features", features)
                .put("next", more ? page.get(page.size() - 1).code() : null);
          });
        }).onSuccess(body -> Replies.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/map/officers?bbox=west,south,east,north}: officers heard from today in the box. */
  private void officers(RoutingContext ctx) {
    double[] box;
    box = bbox(ctx.queryParams().get("bbox"));
    Instant now = services.clock().instant();
    services.positions().livePositions(box[0], box[1], box[2], box[3], now.minus(Duration.ofHours(24)),
        Caller.of(ctx).areas()).onSuccess(positions -> {
          JsonArray officers = new JsonArray();
          positions.forEach(position -> officers.add(json(position, now)));
          Replies.json(ctx, 200, new JsonObject().put("officers", officers));
        }).onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/map/cases}: open cases with their place and escalation card, newest first. */
  private void openCases(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    services.caseRepository().open(caller.areas(), MAX_CASES).onSuccess(rows -> {
      JsonArray list = new JsonArray();
      rows.stream().filter(row -> caller.seesCase(row.cellCode(), row.department()))
          .forEach(row -> list.add(cases.json(row)));
      Replies.json(ctx, 200, new JsonObject().put("cases", list));
    }).onFailure(ctx::fail);
  }

  JsonObject json(LivePosition position, Instant now) {
    return new JsonObject()
        .put("officer", position.officer())
        .put("name", position.name())
        .put("team", position.team())
        .put("lat", position.lat())
        .put("lon", position.lon())
        .put("heading", position.heading())
        .put("cell", position.cell())
        .put("at", services.local(position.fixTime()))
        .put("silent", position.lastReceivedAt().isBefore(now.minus(silentAfter)));
  }

  /** A box from "west,south,east,north" in degrees. */
  static double[] bbox(String text) {
    if (text == null) {
      throw new InputException("bbox", "required", "bbox is required: west,south,east,north in degrees");
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new InputException("bbox", "bbox", "bbox must be four numbers: west,south,east,north");
    }
    double[] box = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        box[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InputException("bbox", "bbox", "bbox must be four numbers: west,south,east,north");
      }
    }
    return checkedBox(box);
  }

  /** The box if it is one: longitudes within ±180, latitudes within ±90, west <= east, south <= north. */
  static double[] checkedBox(double[] box) {
    for (int i = 0; i < 4; i++) {
      double limit = i % 2 == 0 ? 180 : 90;
      if (!Double.isFinite(box[i]) || Math.abs(box[i]) > limit) {
        throw new InputException("bbox", "range", "bbox longitudes lie within ±180 and latitudes within ±90");
      }
    }
    if (box[0] > box[2] || box[1] > box[3]) {
      throw new InputException("bbox", "order", "bbox is west,south,east,north with west <= east, south <= north");
    }
    return box;
  }

  /** The cells of every plan window running now, remembered for half a minute. */
  /** The plan windows running at a moment, and the cells under them. */
  private record Running(Set<Long> cells, List<AlertRepository.WindowRef> windows) {}

  private Future<Running> runningNow(Instant now) {
    if (now.isBefore(runningAt.plus(PLANNED_FOR)) && !now.isBefore(runningAt)) {
      return Future.succeededFuture(running);
    }
    return services.plans().list(false).compose(plans -> {
      List<Future<List<Long>>> cells = new ArrayList<>();
      List<AlertRepository.WindowRef> windows = new ArrayList<>();
      for (PlanRow plan : plans) {
        List<PlannedWindow> planned = planService.runningWindows(plan, now);
        planned.forEach(window -> windows.add(new AlertRepository.WindowRef(plan.id(), window.window().id())));
        planned.stream().map(PlannedWindow::version).distinct()
            .forEach(version -> cells.add(services.plans().cells(plan.id(), version.version())));
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
