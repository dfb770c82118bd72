package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.InputException;
import org.gridpatrol.domain.access.AreaScope;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.domain.grid.CellIndex;
import org.gridpatrol.domain.plan.CellCoverage;
import org.gridpatrol.domain.plan.CoverageEvaluator;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.domain.plan.PlanVersion;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.Visit;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository.VersionRow;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.store.PositionQueries.VisitRow;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.Input;

/**
 * Patrol plans: create, change (a new version from a given time on), retire, read, and coverage of a window.
 * Planners change plans that lie wholly in their areas; everyone sees the plans that touch theirs.
 */
final class PlanRoutes {
  private final NodeServices services;
  private final PlanRepository plans;
  private final HolidayCalendar calendar;
  private final PlanService planService;
  private final EventBus eventBus;

  PlanRoutes(NodeServices services, EventBus eventBus) {
    this.eventBus = eventBus;
    this.services = services;
    this.plans = services.plans();
    this.planService = new PlanService(services);
    this.calendar = services.calendars().forRegion(services.settings().string("calendar.region")).orElseThrow();
  }

  void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024);
    Handler<RoutingContext> edit = services.access().require(Operation.EDIT_PLANS);
    Handler<RoutingContext> view = services.access().require(Operation.VIEW);
    // Authorised on routes of their own, so a body is read only once the caller may send it.
    router.post("/api/v1/plans").handler(edit);
    router.put("/api/v1/plans/:id").handler(edit);
    router.post("/api/v1/plans").handler(body).handler(this::create);
    router.put("/api/v1/plans/:id").handler(body).handler(this::change);
    router.delete("/api/v1/plans/:id").handler(edit).handler(this::retire);
    router.get("/api/v1/plans").handler(view).handler(this::list);
    router.get("/api/v1/plans/:id").handler(view).handler(this::get);
    router.get("/api/v1/plans/:id/coverage").handler(view).handler(this::coverage);
    router.get("/api/v1/cells/:code/coverage").handler(view).handler(this::cellCoverage);
  }

  /**
   * A new plan may take effect in the past (it has no history to rewrite); see {@link #change} for changes.
   * Without an {@code effectiveFrom} it takes effect {@code now}.
   */
  private PlanJson decode(RoutingContext ctx, Instant now) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new InputException("body", "json", "the body must be a JSON object describing a plan");
    }
    if (body == null) {
      throw new InputException("body", "required", "the body must be a JSON object describing a plan");
    }
    return planService.decode(body, now);
  }

  private void create(RoutingContext ctx) {
    PlanJson plan;
    plan = decode(ctx, services.clock().instant());
    planService.create(plan, Caller.of(ctx).scope())
        .map(created -> new JsonObject().put("id", created.id()).put("version", 1).put("cells", created.cells()))
        .onSuccess(reply -> {
          changed();
          Replies.json(ctx, 201, reply);
        })
        .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx) {
    long id;
    PlanJson plan;
    // One moment for the default effective time and the check that it is not in the past.
    Instant now = services.clock().instant();
    id = planId(ctx);
    plan = decode(ctx, now);
    plans.find(id)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(found)
            : inScope(ctx, found.get(), true).map(mine -> mine ? found : Optional.<PlanRow>empty()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(Optional.<JsonObject>empty());
          }
          // A change governs windows that start from its effective time on, which may not be in the past or
          // before the latest version: the record of past and running windows is never rewritten.
          PlanRow row = found.get();
          if (row.retiredAt() != null) {
            ctx.fail(new RequestException(409, "id", "retired", "plan " + id + " is retired and takes no changes"));
            return Future.succeededFuture(Optional.<JsonObject>empty());
          }
          try {
            planService.history(row).withVersion(plan.version(row.latest().version() + 1), now);
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(new InputException("effectiveFrom", "order", e.getMessage()));
          }
          return planService.resolve(plan, Caller.of(ctx).scope()).compose(r -> plans.addVersion(id,
              plan.name(), r.teamId(), plan.effectiveFrom(), plan.definition(), r.cellIds()).map(version -> version.map(v -> new JsonObject().put("id", id)
              .put("version", v).put("cells", r.cellIds().size()))));
        })
        .onSuccess(reply -> reply.ifPresentOrElse(json -> {
          changed();
          Replies.json(ctx, 200, json);
        }, () -> ctx.fail(new RequestException(404, "id", "not_found", "no plan " + id))))
        .onFailure(ctx::fail);
  }

  private void retire(RoutingContext ctx) {
    long id = planId(ctx);
    plans.find(id)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false) : inScope(ctx, found.get(), true))
        .compose(mine -> mine ? plans.retire(id, services.clock().instant()) : Future.succeededFuture(false))
        .onSuccess(retired -> {
          if (retired) {
            changed();
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(new RequestException(404, "id", "not_found", "no active plan " + id));
          }
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    boolean withRetired = "true".equals(ctx.queryParams().get("retired"));
    Caller caller = Caller.of(ctx);
    plans.list(withRetired).compose(rows -> caller.scope().isCity() ? Future.succeededFuture(rows)
        : plans.streets(rows.stream().map(PlanRow::id).toList()).map(streets -> rows.stream()
            .filter(plan -> streets.getOrDefault(plan.id(), List.of()).stream().anyMatch(caller.scope()::overlaps))
            .toList()))
        .onSuccess(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(plan -> array.add(summary(plan)));
          Replies.json(ctx, 200, new JsonObject().put("plans", array));
        }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = planId(ctx);
    visible(ctx, id).onSuccess(found -> found.ifPresentOrElse(plan -> {
      JsonArray versions = new JsonArray();
      plan.versions().forEach(v -> versions.add(new JsonObject().put("version", v.version())
          .put("effectiveFrom", local(v.effectiveFrom())).put("cells", v.cellCount()).put("definition", v.definition())));
      Replies.json(ctx, 200, summary(plan).put("versions", versions));
    }, () -> ctx.fail(new RequestException(404, "id", "not_found", "no plan " + id))))
        .onFailure(ctx::fail);
  }

  private JsonObject summary(PlanRow plan) {
    VersionRow latest = plan.latest();
    return new JsonObject()
        .put("id", plan.id())
        .put("name", plan.name())
        .put("team", plan.teamCode())
        .put("version", latest.version())
        .put("cells", latest.cellCount())
        .put("createdAt", local(plan.createdAt()))
        .put("retiredAt", plan.retiredAt() == null ? null : local(plan.retiredAt()));
  }

  /**
   * {@code GET /api/v1/plans/{id}/coverage?window=night@2026-10-01} (or {@code ?at=} an instant, default now:
   * the window running then, else the last one started): per cell, visits done and needed, the longest gap,
   * the status, and what was missed.
   */
  private void coverage(RoutingContext ctx) {
    long id;
    String windowId = ctx.queryParams().get("window");
    Instant at;
    id = planId(ctx);
    at = Input.instant("at", ctx.queryParams().get("at"), services.clock().instant());
    if (windowId != null && !windowId.matches("[A-Za-z0-9_-]{1,40}@\\d{4}-\\d{2}-\\d{2}")) {
      throw new InputException("window", "window_id", "window is key@date, e.g. night@2026-10-01");
    }
    visible(ctx, id).compose(found -> {
      if (found.isEmpty()) {
        ctx.fail(new RequestException(404, "id", "not_found", "no plan " + id));
        return Future.succeededFuture();
      }
      PlanRow row = found.get();
      Optional<PlannedWindow> window;
      try {
        window = findWindow(planService.history(row), windowId, at);
      } catch (YearNotCoveredException e) {
        ctx.fail(new RequestException(409, "window", "year_not_covered", e.getMessage()));
        return Future.succeededFuture();
      }
      if (window.isEmpty()) {
        ctx.fail(new RequestException(404, "window", "not_found", windowId == null
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
    Instant now = services.clock().instant();
    PlanVersion version = planned.version();
    Duration visitGap = Duration.ofMinutes(services.settings().integer("checkin.visit_gap_minutes"));
    List<Long> cellIds = List.copyOf(cellCodes.keySet());
    return services.positions().visits(cellIds, planned.window().start(), planned.window().end(), visitGap)
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
    Optional<CellIndex.IndexedCell> cell = services.grid().byCode(code);
    if (cell.isEmpty() || !Caller.of(ctx).sees(code)) {
      ctx.fail(new RequestException(404, "code", "not_found", "no cell " + code));
      return;
    }
    Instant now = services.clock().instant();
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
    return services.gridRepository().codes(cellIds);
  }

  private Optional<PlannedWindow> findWindow(PlanHistory history, String windowId, Instant at) {
    if (windowId != null) {
      LocalDate day = LocalDate.parse(windowId.substring(windowId.indexOf('@') + 1));
      Instant from = day.minusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant();
      Instant to = day.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
      return history.windows(calendar, from, to).stream().filter(w -> w.window().id().equals(windowId)).findFirst();
    }
    List<PlannedWindow> recent = history.windows(calendar, at.minus(Duration.ofDays(8)), at.plusSeconds(1));
    return recent.stream().filter(w -> !w.window().start().isAfter(at))
        .max(Comparator.comparing(w -> w.window().start()));
  }

  /** The plan if the caller sees any part of it. */
  private Future<Optional<PlanRow>> visible(RoutingContext ctx, long id) {
    return plans.find(id).compose(found -> found.isEmpty() ? Future.succeededFuture(found)
        : inScope(ctx, found.get(), false).map(seen -> seen ? found : Optional.<PlanRow>empty()));
  }

  /** Whether the plan lies in the caller's areas: wholly (to change it) or in part (to see it). */
  private Future<Boolean> inScope(RoutingContext ctx, PlanRow plan, boolean wholly) {
    AreaScope scope = Caller.of(ctx).scope();
    if (scope.isCity()) {
      return Future.succeededFuture(true);
    }
    return plans.streets(List.of(plan.id())).map(byPlan -> {
      List<String> streets = byPlan.getOrDefault(plan.id(), List.of());
      return wholly ? streets.stream().allMatch(scope::covers) : streets.stream().anyMatch(scope::overlaps);
    });
  }

  /** Every node's overdue detector reloads the plans. */
  private void changed() {
    eventBus.publish(Addresses.PLANS_CHANGED, new JsonObject());
  }

  private static long planId(RoutingContext ctx) {
    return Input.number("id", ctx.pathParam("id"));
  }

  private String local(Instant instant) {
    return services.local(instant);
  }
}
