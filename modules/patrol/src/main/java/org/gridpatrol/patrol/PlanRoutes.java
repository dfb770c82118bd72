package org.gridpatrol.patrol;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.HolidayPeriod;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.plan.PlanHistory;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.WindowInstance;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.PlanRepository.PlanRow;
import org.gridpatrol.store.PlanRepository.VersionRow;
import org.gridpatrol.store.PlanRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * Patrol plans: create, change (a new version from a given time on), retire, read ({@link CoverageRoutes}: how
 * well they are kept).
 * Planners change plans that lie wholly in their areas; everyone sees the plans that touch theirs.
 */
public final class PlanRoutes implements Routes {
  /** A preview longer than two months would show nothing a planner checks by eye. */
  static final int MAX_PREVIEW_DAYS = 62;

  private final Guard guard;
  private final PlanRepository plans;
  private final VisiblePlans visible;
  private final PlanService planService;
  private final EventBus eventBus;
  private final CityClock time;

  public PlanRoutes(Guard guard, PlanRepository plans, PlanService planService, EventBus eventBus, CityClock time) {
    this.guard = guard;
    this.plans = plans;
    this.visible = new VisiblePlans(plans);
    this.planService = planService;
    this.eventBus = eventBus;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024);
    Handler<RoutingContext> edit = guard.require(Operation.EDIT_PLANS);
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    // Authorised on routes of their own, so a body is read only once the caller may send it.
    router.post("/api/v1/plans").handler(edit);
    router.put("/api/v1/plans/:id").handler(edit);
    router.post("/api/v1/plans/preview").handler(edit);
    router.post("/api/v1/plans").handler(body).handler(this::create);
    router.post("/api/v1/plans/preview").handler(body).handler(this::preview);
    router.put("/api/v1/plans/:id").handler(body).handler(this::change);
    router.delete("/api/v1/plans/:id").handler(edit).handler(this::retire);
    router.get("/api/v1/plans").handler(view).handler(this::list);
    router.get("/api/v1/plans/:id").handler(view).handler(this::get);
  }

  /**
   * A new plan may take effect in the past (it has no history to rewrite); see {@link #change} for changes.
   * Without an {@code effectiveFrom} it takes effect {@code now}.
   */
  private PlanJson decode(RoutingContext ctx, Instant now) {
    return planService.decode(Input.body(ctx), now);
  }

  private void create(RoutingContext ctx) {
    PlanJson plan = decode(ctx, time.now());
    planService.create(plan, Caller.of(ctx).scope())
        .map(created -> new JsonObject().put("id", created.id()).put("version", 1).put("cells", created.cells()))
        .onSuccess(reply -> {
          changed();
          Replies.json(ctx, 201, reply);
        })
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/v1/plans/preview?from=&days=}: the windows a plan as given (saved or not) would have from
   * {@code from} (default now) over {@code days} days (default 14), placed over the holiday calendar exactly as
   * the overdue detector places a saved plan's; nothing is stored. The plan is checked as a save checks it,
   * but its cells are not looked up.
   */
  private void preview(RoutingContext ctx) {
    Instant now = time.now();
    Instant from = Input.instant("from", ctx.queryParams().get("from"), now);
    Instant to = from.plus(Duration.ofDays(previewDays(ctx.queryParams().get("days"))));
    PlanJson plan = decode(ctx, now);
    HolidayCalendar calendar = planService.calendar();
    List<PlannedWindow> windows;
    try {
      windows = PlanHistory.of(plan.version(1)).windows(calendar, from, to);
    } catch (YearNotCoveredException e) {
      throw RequestException.conflict("from", "year_not_covered", e.getMessage());
    }
    JsonArray array = new JsonArray();
    for (PlannedWindow planned : windows) {
      WindowInstance window = planned.window();
      LocalDate day = window.day();
      boolean known = calendar.covers(day.getYear());
      array.add(new JsonObject()
          .put("window", window.id())
          .put("start", local(window.start()))
          .put("end", local(window.end()))
          .put("dayType", known ? calendar.dayType(day).name().toLowerCase(Locale.ROOT) : null)
          .put("period", known ? calendar.periodOf(day).map(HolidayPeriod::key).orElse(null) : null));
    }
    Replies.json(ctx, 200, new JsonObject().put("from", local(from)).put("to", local(to)).put("windows", array));
  }

  private static int previewDays(String text) {
    long days = text == null || text.isBlank() ? 14 : Input.number("days", text);
    if (days < 1 || days > MAX_PREVIEW_DAYS) {
      throw new InputException("days", "range", "days must be between 1 and " + MAX_PREVIEW_DAYS);
    }
    return (int) days;
  }

  private void change(RoutingContext ctx) {
    // One moment for the default effective time and the check that it is not in the past.
    Instant now = time.now();
    long id = planId(ctx);
    PlanJson plan = decode(ctx, now);
    plans.find(id)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(found)
            : visible.inScope(ctx, found.get(), true).map(mine -> mine ? found : Optional.<PlanRow>empty()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(Optional.<JsonObject>empty());
          }
          // A change governs windows that start from its effective time on, which may not be in the past or
          // before the latest version: the record of past and running windows is never rewritten.
          PlanRow row = found.get();
          if (row.retiredAt() != null) {
            ctx.fail(RequestException.conflict("id", "retired", "plan " + id + " is retired and takes no changes"));
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
        }, () -> ctx.fail(RequestException.notFound("id", "no plan " + id))))
        .onFailure(ctx::fail);
  }

  private void retire(RoutingContext ctx) {
    long id = planId(ctx);
    plans.find(id)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false) : visible.inScope(ctx, found.get(), true))
        .compose(mine -> mine ? plans.retire(id, time.now()) : Future.succeededFuture(false))
        .onSuccess(retired -> {
          if (retired) {
            changed();
            Replies.noContent(ctx);
          } else {
            ctx.fail(RequestException.notFound("id", "no active plan " + id));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /api/v1/plans?retired=true&windowsOn=2026-12-04}: the plans touching the caller's areas; with
   * {@code windowsOn} only those with a window that day, each with the day's windows (the handheld's
   * "today's plans").
   */
  private void list(RoutingContext ctx) {
    boolean withRetired = "true".equals(ctx.queryParams().get("retired"));
    String on = ctx.queryParams().get("windowsOn");
    LocalDate day = on == null ? null : Input.date("windowsOn", on);
    Caller caller = Caller.of(ctx);
    plans.list(withRetired).compose(rows -> caller.scope().isCity() ? Future.succeededFuture(rows)
        : plans.streets(rows.stream().map(PlanRow::id).toList()).map(streets -> rows.stream()
            .filter(plan -> streets.getOrDefault(plan.id(), List.of()).stream().anyMatch(caller.scope()::overlaps))
            .toList()))
        .map(rows -> {
          JsonArray array = new JsonArray();
          for (PlanRow plan : rows) {
            if (day == null) {
              array.add(summary(plan));
              continue;
            }
            List<WindowInstance> windows = windowsOn(plan, day);
            if (!windows.isEmpty()) {
              JsonArray json = new JsonArray();
              windows.forEach(w -> json.add(new JsonObject().put("window", w.id()).put("key", w.specKey())
                  .put("start", local(w.start())).put("end", local(w.end()))));
              array.add(summary(plan).put("windows", json));
            }
          }
          return new JsonObject().put("plans", array);
        })
        .onSuccess(body -> Replies.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** The plan's windows of the day; a day the holiday calendar cannot tell about is a 409, never a guess. */
  private List<WindowInstance> windowsOn(PlanRow plan, LocalDate day) {
    try {
      return planService.windowsOn(plan, day);
    } catch (YearNotCoveredException e) {
      throw RequestException.conflict("windowsOn", "year_not_covered", "plan " + plan.id() + ": " + e.getMessage());
    }
  }

  private void get(RoutingContext ctx) {
    long id = planId(ctx);
    visible.visible(ctx, id).onSuccess(found -> found.ifPresentOrElse(plan -> {
      JsonArray versions = new JsonArray();
      plan.versions().forEach(v -> versions.add(new JsonObject().put("version", v.version())
          .put("effectiveFrom", local(v.effectiveFrom())).put("cells", v.cellCount()).put("definition", v.definition())));
      Replies.json(ctx, 200, summary(plan).put("versions", versions));
    }, () -> ctx.fail(RequestException.notFound("id", "no plan " + id))))
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
        .put("retiredAt", local(plan.retiredAt()));
  }

  /** Every node's overdue detector reloads the plans. */
  private void changed() {
    eventBus.publish(Addresses.PLANS_CHANGED, new JsonObject());
  }

  static long planId(RoutingContext ctx) {
    return Input.number("id", ctx.pathParam("id"));
  }

  private String local(Instant instant) {
    return time.local(instant);
  }
}
