package org.gridpatrol.directory;

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
import java.util.Optional;
import java.util.function.Supplier;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.directory.Officer;
import org.gridpatrol.domain.directory.OfficerStatus;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DirectoryRepository;
import org.gridpatrol.store.DirectoryRepository.OfficerRow;
import org.gridpatrol.store.PositionQueries;
import org.gridpatrol.store.PositionQueries.OfficerState;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * Officers: everyone lists and reads the officers of their areas (an officer belongs where their home community
 * is, else where their team patrols), with where each was last; administrators create, change and retire them.
 * An officer who left stays for the history; their devices are unassigned.
 */
public final class OfficerRoutes implements Routes {
  private final Guard guard;
  private final DirectoryRepository directory;
  private final PositionQueries positions;
  private final EventBus eventBus;
  private final Supplier<Future<Void>> reloadDevicesHere;
  private final CityClock time;
  private final Duration silentAfter;

  /**
   * @param reloadDevicesHere reloads this node's devices, so that a departure holds here before it is answered
   * @param silentAfter       an officer last heard from longer ago than this is shown silent
   */
  public OfficerRoutes(Guard guard, DirectoryRepository directory, PositionQueries positions, EventBus eventBus,
                       Supplier<Future<Void>> reloadDevicesHere, CityClock time, Duration silentAfter) {
    this.guard = guard;
    this.directory = directory;
    this.positions = positions;
    this.eventBus = eventBus;
    this.reloadDevicesHere = reloadDevicesHere;
    this.time = time;
    this.silentAfter = silentAfter;
  }

  @Override
  public void mount(Router router) {
    Handler<RoutingContext> view = guard.require(Operation.VIEW);
    Handler<RoutingContext> manage = guard.require(Operation.MANAGE_DIRECTORY);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.get("/api/v1/officers").handler(view).handler(this::list);
    router.post("/api/v1/officers").handler(manage);
    router.post("/api/v1/officers").handler(body).handler(this::create);
    router.get("/api/v1/officers/:code").handler(view).handler(this::get);
    router.put("/api/v1/officers/:code").handler(manage);
    router.put("/api/v1/officers/:code").handler(body).handler(this::change);
    router.delete("/api/v1/officers/:code").handler(manage).handler(this::retire);
    router.get("/api/v1/officers/:code/history").handler(manage).handler(this::history);
  }

  /**
   * {@code GET /api/v1/officers?area=&team=&status=on_duty|on_leave|left|all&q=&offset=&limit=} (default:
   * everyone who has not left).
   */
  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !status.equals("all") && OfficerStatus.parse(status).isEmpty()) {
      throw new InputException("status", "one_of", "status must be on_duty, on_leave, left or all");
    }
    String team = ctx.queryParams().get("team") == null ? null : Input.identifier("team", ctx.queryParams().get("team"));
    String wanted = status == null ? "serving" : status.equals("all") ? null : OfficerStatus.parse(status).get().wireName();
    directory.officers(DirectoryInput.query(ctx, team, wanted)).onSuccess(page -> {
      JsonArray officers = new JsonArray();
      page.items().forEach(officer -> officers.add(json(officer)));
      Replies.json(ctx, 200, new JsonObject().put("officers", officers).put("total", page.total()));
    }).onFailure(ctx::fail);
  }

  /** {@code GET /api/v1/officers/{code}}: the officer, their status on the map and their newest fix. */
  private void get(RoutingContext ctx) {
    String code = DirectoryInput.code(ctx, "code");
    Future<Optional<OfficerRow>> officer = directory.officer(code);
    Future<Optional<OfficerState>> state = positions.officer(code);
    Future.all(officer, state).onSuccess(both -> {
      Optional<OfficerState> live = state.result();
      if (officer.result().isEmpty() || live.isEmpty() || !Caller.of(ctx).sees(live.get().place())) {
        ctx.fail(RequestException.notFound("code", "no officer " + code));
        return;
      }
      Replies.json(ctx, 200, json(officer.result().get()).mergeIn(liveJson(live.get())));
    }).onFailure(ctx::fail);
  }

  private JsonObject liveJson(OfficerState o) {
    Instant now = time.now();
    String seen = o.lastReceivedAt() == null ? "never_seen"
        : o.lastReceivedAt().isBefore(now.minus(silentAfter)) ? "silent" : "online";
    return new JsonObject()
        .put("seen", seen)
        .put("lastSeen", time.local(o.lastReceivedAt()))
        .put("position", o.fixTime() == null ? null : new JsonObject()
            .put("at", time.local(o.fixTime()))
            .put("lat", o.lat())
            .put("lon", o.lon())
            .put("speed", o.speed())
            .put("heading", o.heading())
            .put("battery", o.battery())
            .put("cell", o.cellCode())
            .put("device", o.deviceUniqueId()));
  }

  /** {@code POST /api/v1/officers {"code", "name", "phone", "team", "areas": [...], "status"}}. */
  private void create(RoutingContext ctx) {
    JsonObject body = Input.body(ctx);
    Officer officer = DirectoryInput.officer(body, DirectoryInput.newCode(body, "code"));
    directory.createOfficer(officer, time.now(), Caller.of(ctx).name())
        .compose(outcome -> answer(ctx, outcome, officer.code(), 201))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/v1/officers/{code}}: the whole officer (fields left out are none; status on_duty). */
  private void change(RoutingContext ctx) {
    Officer officer = DirectoryInput.officer(Input.body(ctx), DirectoryInput.code(ctx, "code"));
    directory.changeOfficer(officer, time.now(), Caller.of(ctx).name())
        .compose(outcome -> answer(ctx, outcome, officer.code(), 200))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/v1/officers/{code}}: the officer left (kept, with their history). */
  private void retire(RoutingContext ctx) {
    String code = DirectoryInput.code(ctx, "code");
    directory.officer(code).compose(found -> {
      if (found.isEmpty() || found.get().status() == OfficerStatus.LEFT) {
        return Future.failedFuture(RequestException.notFound("code", "no serving officer " + code));
      }
      Officer current = found.get().officer();
      Officer left = new Officer(current.code(), current.name(), current.phone(), current.teamCode(), current.areas(),
          OfficerStatus.LEFT);
      return directory.changeOfficer(left, time.now(), Caller.of(ctx).name())
          .compose(outcome -> devicesChanged(code))
          .map(v -> {
            Replies.noContent(ctx);
            return null;
          });
    }).onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    String code = DirectoryInput.code(ctx, "code");
    directory.history("officer", code, Input.limit(ctx.queryParams().get("limit"), 50, 500)).onSuccess(entries -> {
      JsonArray versions = new JsonArray();
      entries.forEach(entry -> versions.add(new JsonObject()
          .put("at", time.local(entry.changedAt()))
          .put("by", entry.changedBy())
          .put("action", entry.action())
          .put("officer", new JsonObject(entry.recordJson()))));
      Replies.json(ctx, 200, new JsonObject().put("history", versions));
    }).onFailure(ctx::fail);
  }

  private Future<Void> answer(RoutingContext ctx, DirectoryRepository.Outcome outcome, String code, int status) {
    RuntimeException failure = DirectoryInput.failure(outcome, "officer", code);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    return devicesChanged(code).compose(v -> directory.officer(code)).map(saved -> {
      Replies.json(ctx, status, json(saved.orElseThrow()));
      return null;
    });
  }

  /** A departure unassigns the officer's devices: every node must know before anyone checks in as them. */
  private Future<Void> devicesChanged(String officer) {
    eventBus.publish(Addresses.DEVICES_CHANGED, new JsonObject().put("officer", officer));
    return reloadDevicesHere.get();
  }

  private JsonObject json(OfficerRow officer) {
    return new JsonObject()
        .put("code", officer.code())
        .put("name", officer.name())
        .put("phone", officer.phone())
        .put("team", officer.teamCode() == null ? null
            : new JsonObject().put("code", officer.teamCode()).put("name", officer.teamName()))
        .put("areas", new JsonArray(officer.areas()))
        .put("status", officer.status().wireName())
        .put("devices", new JsonArray(officer.devices()))
        .put("updated", time.local(officer.updatedAt()));
  }
}
