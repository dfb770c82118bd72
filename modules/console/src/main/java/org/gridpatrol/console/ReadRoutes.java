package org.gridpatrol.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.GridRepository.CellRow;
import org.gridpatrol.store.GridRepository;
import org.gridpatrol.store.PositionQueries.LastVisit;
import org.gridpatrol.store.PositionQueries.OfficerState;
import org.gridpatrol.store.PositionQueries.TrackPoint;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Csv;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * The read API: the cells and a cell's activity, an officer's track. Times are given in the
 * city's time zone (ISO-8601 with offset).
 */
public final class ReadRoutes implements Routes {
  static final int DEFAULT_TRACK_LIMIT = 1000;
  static final int MAX_TRACK_LIMIT = 10_000;
  static final Duration MAX_TRACK_SPAN = Duration.ofDays(31);
  static final int MAX_EXPORT_POINTS = 200_000;
  static final int DEFAULT_CELL_PAGE = 500;
  static final int MAX_CELL_PAGE = 5000;
  private static final DeliveryOptions SHARD_QUERY = new DeliveryOptions().setSendTimeout(2000);

  private final Guard guard;
  private final GridRepository cells;
  private final PositionQueries positions;
  private final EventBus eventBus;
  private final CityClock time;
  private final Duration visitGap;
  private final Duration lastVisitLookback;

  /**
   * @param visitGap          fixes in a cell this close together are one visit
   * @param lastVisitLookback how far back a cell's last visit is looked for when its shard's owner is away
   */
  public ReadRoutes(Guard guard, GridRepository cells, PositionQueries positions, EventBus eventBus, CityClock time,
                    Duration visitGap, Duration lastVisitLookback) {
    this.guard = guard;
    this.cells = cells;
    this.positions = positions;
    this.eventBus = eventBus;
    this.time = time;
    this.visitGap = visitGap;
    this.lastVisitLookback = lastVisitLookback;
  }

  @Override
  public void mount(Router router) {
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    router.get("/api/v1/cells").handler(view).handler(this::cells);
    router.get("/api/v1/cells/:code").handler(view).handler(this::cell);
    router.get("/api/v1/officers/:code/track").handler(view).handler(this::track);
  }

  /**
   * {@code GET /api/v1/cells?prefix=110101001&after=<code>&limit=500&format=geojson}: cells in code order, a
   * page at a time (prefix: a leading part of the code, e.g. district or district+street).
   */
  private void cells(RoutingContext ctx) {
    String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    CellPage request = CellPage.of(ctx, DEFAULT_CELL_PAGE, MAX_CELL_PAGE);
    if (!format.equals("json") && !format.equals("geojson")) {
      throw new InputException("format", "one_of", "format must be json or geojson");
    }
    int limit = request.limit();
    cells.list(request.prefix(), request.after(), limit + 1, Caller.of(ctx).areas())
        .onSuccess(rows -> {
          boolean more = rows.size() > limit;
          List<CellRow> page = more ? rows.subList(0, limit) : rows;
          String next = more ? page.get(page.size() - 1).code() : null;
          JsonArray items = new JsonArray();
          for (CellRow cell : page) {
            JsonObject properties = new JsonObject()
                .put("code", cell.code())
                .put("name", cell.name())
                .put("district", cell.district())
                .put("street", cell.street())
                .put("community", cell.community())
                .put("shard", cell.shard());
            JsonObject geometry = new JsonObject(cell.geometryGeoJson());
            items.add(format.equals("geojson")
                ? new JsonObject().put("type", "Feature").put("geometry", geometry).put("properties", properties)
                : properties.put("geometry", geometry));
          }
          JsonObject body = format.equals("geojson")
              ? new JsonObject().put("type", "FeatureCollection").put("features", items)
              : new JsonObject().put("cells", items);
          Replies.json(ctx, 200, body.put("next", next));
        }).onFailure(ctx::fail);
  }

  private void cell(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!CellCode.isValid(code)) {
      ctx.fail(new RequestException(400, "code", "cell_code", "a cell code has 15 digits, got '" + code + "'"));
      return;
    }
    cells.findByCode(code).compose(found -> {
      if (found.isEmpty() || !Caller.of(ctx).sees(code)) {
        ctx.fail(RequestException.notFound("code", "no cell " + code));
        return Future.succeededFuture();
      }
      CellRow cell = found.get();
      LocalDate today = time.today();
      Instant dayStart = today.atStartOfDay(time.zone()).toInstant();
      Instant dayEnd = today.plusDays(1).atStartOfDay(time.zone()).toInstant();
      Future<LiveState> live = liveState(cell);
      Future<Long> visits = positions.visits(List.of(cell.id()), dayStart, dayEnd, visitGap)
          .map(rows -> rows.stream().filter(visit -> !visit.explicit()).count());
      return Future.all(live, visits).map(done -> {
        JsonObject body = new JsonObject()
            .put("code", cell.code())
            .put("name", cell.name())
            .put("district", cell.district())
            .put("street", cell.street())
            .put("community", cell.community())
            .put("shard", cell.shard())
            .put("shardOwner", live.result().owner())
            .put("lastVisit", live.result().lastVisit()
                .map(v -> new JsonObject().put("at", local(v.at())).put("officer", v.officerCode()))
                .orElse(null))
            .put("day", today.toString())
            .put("timeZone", time.zone().getId())
            .put("visitsToday", visits.result())
            .put("geometry", new JsonObject(cell.geometryGeoJson()));
        Replies.json(ctx, 200, body);
        return null;
      });
    }).onFailure(ctx::fail);
  }

  /** The newest visit, and the node that holds the cell's shard (null when the database answered). */
  private record LiveState(String owner, Optional<LastVisit> lastVisit) {}

  /**
   * The cell's newest visit as the owner of its shard knows it (live, over the event bus); if the owner cannot
   * be reached (e.g. it just died and the shard is moving), the database answers instead.
   */
  private Future<LiveState> liveState(CellRow cell) {
    return eventBus.<JsonObject>request(Addresses.shardCellState(cell.shard()),
            new JsonObject().put("cellId", cell.id()), SHARD_QUERY)
        .map(reply -> {
          JsonObject state = reply.body();
          return new LiveState(state.getString("owner"), state.containsKey("lastVisitAt")
              ? Optional.of(new LastVisit(cell.id(), Instant.parse(state.getString("lastVisitAt")),
                  state.getString("lastOfficer")))
              : Optional.empty());
        })
        .recover(unreachable -> positions
            .lastVisit(cell.id(), time.now().minus(lastVisitLookback))
            .map(visit -> new LiveState(null, visit)));
  }

  /** Officer codes are identifiers; anything else (control characters, 1,000 characters) is refused here. */
  private static String officerCode(RoutingContext ctx) {
    return Input.identifier("code", ctx.pathParam("code"));
  }

  /**
   * {@code GET /api/v1/officers/{code}/track?from=&to=&limit=&format=json|gpx|csv}: the fixes of a period, as
   * JSON a page at a time, or the whole period as a GPX or CSV file.
   */
  private void track(RoutingContext ctx) {
    String code = officerCode(ctx);
    LocalDate today = time.today();
    Instant from = time("from", ctx.queryParams().get("from"), today.atStartOfDay(time.zone()).toInstant());
    Instant to = time("to", ctx.queryParams().get("to"), today.plusDays(1).atStartOfDay(time.zone()).toInstant());
    if (!from.isBefore(to)) {
      throw new InputException("to", "order", "to must be after from");
    }
    if (Duration.between(from, to).compareTo(MAX_TRACK_SPAN) > 0) {
      throw new InputException("to", "span", "a track covers at most " + MAX_TRACK_SPAN.toDays() + " days");
    }
    String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    if (!format.equals("json") && !format.equals("gpx") && !format.equals("csv")) {
      throw new InputException("format", "one_of", "format must be json, gpx or csv");
    }
    if (!format.equals("json") && ctx.queryParams().get("limit") != null) {
      throw new InputException("limit", "not_with_file", "a " + format + " file holds the whole period; leave out limit");
    }
    int limit = Input.limit(ctx.queryParams().get("limit"), DEFAULT_TRACK_LIMIT, MAX_TRACK_LIMIT);
    positions.officer(code).compose(found -> {
      if (found.isEmpty() || !Caller.of(ctx).sees(found.get().place())) {
        return Future.failedFuture(RequestException.notFound("code", "no officer " + code));
      }
      return format.equals("json") ? trackPage(ctx, found.get(), from, to, limit)
          : trackFile(ctx, found.get(), from, to, format);
    }).onFailure(ctx::fail);
  }

  private Future<Void> trackPage(RoutingContext ctx, OfficerState officer, Instant from, Instant to, int limit) {
    return positions.track(officer.id(), from, to, limit + 1).map(points -> {
      boolean more = points.size() > limit;
      List<TrackPoint> page = more ? points.subList(0, limit) : points;
      JsonArray array = new JsonArray();
      for (TrackPoint p : page) {
        array.add(new JsonObject()
            .put("at", local(p.fixTime()))
            .put("lat", p.lat())
            .put("lon", p.lon())
            .put("accuracy", p.accuracy())
            .put("speed", p.speed())
            .put("heading", p.heading())
            .put("battery", p.battery())
            .put("cell", p.cellCode())
            .put("device", p.deviceUniqueId()));
      }
      JsonObject body = new JsonObject()
          .put("officer", officer.code())
          .put("from", local(from))
          .put("to", local(to))
          .put("points", array)
          // The next page starts just after the last fix returned.
          .put("next", more ? local(page.get(page.size() - 1).fixTime().plusNanos(1000)) : null);
      Replies.json(ctx, 200, body);
      return null;
    });
  }

  /**
   * The whole period as one file. The period is at most {@link #MAX_TRACK_SPAN}, and a file at most
   * {@link #MAX_EXPORT_POINTS} fixes (a fix every 10 s around the clock for 23 days): a period holding more is
   * refused, naming {@code to}, rather than cut short, so a file never silently lacks the end of a track.
   */
  private Future<Void> trackFile(RoutingContext ctx, OfficerState officer, Instant from, Instant to,
                                 String format) {
    return positions.track(officer.id(), from, to, MAX_EXPORT_POINTS + 1).compose(points -> {
      if (points.size() > MAX_EXPORT_POINTS) {
        return Future.failedFuture(new InputException("to", "too_many", "the period holds more than "
            + MAX_EXPORT_POINTS + " fixes; export it in shorter periods"));
      }
      // Up to hundreds of thousands of lines: written on a worker, so the event loop keeps serving meanwhile.
      return ctx.vertx().executeBlocking(() -> format.equals("gpx")
          ? TrackExport.gpx(officer.code() + " " + officer.name(), points) : TrackExport.csv(points, time), false);
    }).map(file -> {
      String name = TrackExport.fileName(officer.code(), from.atZone(time.zone()).toLocalDate(),
          to.minusNanos(1).atZone(time.zone()).toLocalDate(), format);
      Replies.download(ctx, format.equals("gpx") ? TrackExport.GPX_TYPE : Csv.CONTENT_TYPE, name, file);
      return null;
    });
  }

  /** ISO-8601 with offset, or a date (midnight in the city's zone); absent gives the default. */
  private Instant time(String field, String text, Instant absent) {
    if (text != null && text.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Input.date(field, text).atStartOfDay(time.zone()).toInstant();
    }
    return Input.instant(field, text, absent);
  }

  private String local(Instant instant) {
    return time.local(instant);
  }
}
