package org.gridpatrol.patrol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.store.AlertRepository.AlertRow;
import org.gridpatrol.store.AlertRepository.PageKey;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/** {@code GET /api/v1/alerts?status=&cell=&plan=&from=&to=&after=&limit=}: alerts, newest first, in pages. */
public final class AlertRoutes implements Routes {
  static final int DEFAULT_LIMIT = 200;
  static final int MAX_LIMIT = 5000;
  private static final Set<String> STATUSES = Set.of("open", "satisfied_late", "cleared");
  private static final Pattern PAGE_KEY = Pattern.compile("(-?[0-9]{1,17})\\.([0-9]{1,18})\\.([0-9]{1,18})");

  private final Guard guard;
  private final AlertRepository alerts;
  private final CityClock time;

  public AlertRoutes(Guard guard, AlertRepository alerts, CityClock time) {
    this.guard = guard;
    this.alerts = alerts;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/alerts").handler(guard.require(Operation.VIEW)).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw new InputException("status", "one_of", "status must be one of " + STATUSES);
    }
    String cell = ctx.queryParams().get("cell");
    if (cell != null && !CellCode.isValid(cell)) {
      throw new InputException("cell", "cell_code", "cell must be a 15-digit cell code");
    }
    Long plan = ctx.queryParams().get("plan") == null ? null : Input.number("plan", ctx.queryParams().get("plan"));
    Instant now = time.now();
    Instant to = Input.instant("to", ctx.queryParams().get("to"), now.plus(Duration.ofDays(1)));
    Instant from = Input.instant("from", ctx.queryParams().get("from"), to.minus(Duration.ofDays(7)));
    if (!from.isBefore(to)) {
      throw new InputException("to", "order", "to must be after from");
    }
    int limit = Input.limit(ctx.queryParams().get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    PageKey after = ctx.queryParams().get("after") == null ? null : pageKey(ctx.queryParams().get("after"));
    AlertRepository.Filter filter = new AlertRepository.Filter(status, cell, plan, from, to, after, limit, Caller.of(ctx).areas());
    alerts.list(filter).onSuccess(page -> {
      JsonArray array = new JsonArray();
      page.alerts().forEach(alert -> array.add(json(alert)));
      Replies.json(ctx, 200, new JsonObject().put("alerts", array)
          .put("next", page.next() == null ? null : text(page.next())));
    }).onFailure(ctx::fail);
  }

  /** A page key as the {@code next} of a reply: overdue since (epoch microseconds), row id and cell id. */
  private static String text(PageKey key) {
    long micros = key.overdueSince().getEpochSecond() * 1_000_000 + key.overdueSince().getNano() / 1_000;
    return micros + "." + key.id() + "." + key.cellId();
  }

  private static PageKey pageKey(String text) {
    Matcher parts = PAGE_KEY.matcher(text.trim());
    if (!parts.matches()) {
      throw new InputException("after", "page", "after must be the next of a previous page of alerts");
    }
    long micros = Long.parseLong(parts.group(1));
    Instant since = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
    return new PageKey(since, Long.parseLong(parts.group(2)), Long.parseLong(parts.group(3)));
  }

  private JsonObject json(AlertRow alert) {
    return new JsonObject()
        .put("id", alert.id())
        .put("kind", alert.kind())
        .put("status", alert.status())
        .put("plan", alert.planId() == null ? null : new JsonObject().put("id", alert.planId()).put("name", alert.planName()))
        .put("window", alert.windowId())
        .put("cell", alert.cellCode())
        .put("officer", alert.officerCode())
        .put("team", alert.teamCode())
        .put("missed", alert.missed())
        .put("overdueSince", local(alert.overdueSince()))
        .put("raisedAt", local(alert.raisedAt()))
        .put("resolvedAt", local(alert.resolvedAt()));
  }

  private String local(Instant instant) {
    return time.local(instant);
  }
}
