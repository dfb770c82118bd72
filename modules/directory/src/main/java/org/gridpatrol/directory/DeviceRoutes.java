package org.gridpatrol.directory;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;
import org.gridpatrol.checkin.DeviceDirectory;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.domain.directory.Device;
import org.gridpatrol.domain.directory.DeviceKind;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.DeviceRepository;
import org.gridpatrol.store.DeviceRepository.DeviceQuery;
import org.gridpatrol.store.DeviceRepository.DeviceRow;
import org.gridpatrol.store.DeviceRepository.Outcome;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * Devices, for administrators: enrol (a random OsmAnd key, and a JSON API token shown once), list, move to
 * another officer, rotate the key or the token, retire; and the enrolment QR codes. Every change is announced
 * on the cluster, so every node accepts or refuses the device at once (and within a second without the
 * message, see DirectoryReloads).
 */
public final class DeviceRoutes implements Routes {
  private final Guard guard;
  private final DeviceRepository devices;
  private final EventBus eventBus;
  private final CityClock time;
  private final Supplier<Future<Void>> reloadHere;
  private final String publicUrl;
  private final int osmandPort;

  /**
   * @param reloadHere reloads this node's devices, so that a change holds here before it is answered
   * @param publicUrl  the OsmAnd server URL handhelds reach; empty: the host the browser used, on osmandPort
   * @param osmandPort the OsmAnd port, for a server URL made from the browser's host
   */
  public DeviceRoutes(Guard guard, DeviceRepository devices, EventBus eventBus, CityClock time,
                      Supplier<Future<Void>> reloadHere, String publicUrl, int osmandPort) {
    this.guard = guard;
    this.devices = devices;
    this.eventBus = eventBus;
    this.time = time;
    this.reloadHere = reloadHere;
    this.publicUrl = publicUrl;
    this.osmandPort = osmandPort;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.route("/api/v1/devices*").handler(guard.require(Operation.MANAGE_DIRECTORY));
    router.get("/api/v1/devices").handler(this::list);
    router.post("/api/v1/devices").handler(body).handler(this::enrol);
    router.get("/api/v1/devices/:uniqueId").handler(this::get);
    router.put("/api/v1/devices/:uniqueId").handler(body).handler(this::change);
    router.delete("/api/v1/devices/:uniqueId").handler(this::retire);
    router.post("/api/v1/devices/:uniqueId/key").handler(this::rotateKey);
    router.post("/api/v1/devices/:uniqueId/token").handler(this::rotateToken);
    router.get("/api/v1/devices/:uniqueId/qr.svg").handler(this::qrCode);
  }

  /** {@code GET /api/v1/devices?officer=&team=&kind=&status=active|retired|all&q=&area=&offset=&limit=}. */
  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "active" : ctx.queryParams().get("status");
    if (!status.equals("active") && !status.equals("retired") && !status.equals("all")) {
      throw new InputException("status", "one_of", "status must be active, retired or all");
    }
    String kindText = ctx.queryParams().get("kind");
    DeviceKind kind = kindText == null ? null : DeviceKind.parse(kindText).orElseThrow(() ->
        new InputException("kind", "one_of", "kind must be handheld, web_handheld or vehicle"));
    String officer = ctx.queryParams().get("officer") == null ? null
        : Input.identifier("officer", ctx.queryParams().get("officer"));
    String team = ctx.queryParams().get("team") == null ? null : Input.identifier("team", ctx.queryParams().get("team"));
    var filters = DirectoryInput.query(ctx, null, null);
    devices.list(new DeviceQuery(officer, team, kind, status.equals("all") ? null : status.equals("retired"),
            filters.text(), filters.areas(), filters.offset(), filters.limit()))
        .onSuccess(page -> {
          JsonArray array = new JsonArray();
          page.items().forEach(device -> array.add(json(ctx, device)));
          Replies.json(ctx, 200, new JsonObject().put("devices", array).put("total", page.total()));
        }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    found(ctx).onSuccess(device -> Replies.json(ctx, 200, json(ctx, device))).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/v1/devices {"uniqueId", "kind", "officer"}}: 201 with the device, its key and server URL,
   * and its JSON API token (shown this once; the node keeps only its hash).
   */
  private void enrol(RoutingContext ctx) {
    JsonObject body = Input.body(ctx);
    Device device = DirectoryInput.device(body, DirectoryInput.newCode(body, "uniqueId"));
    if (device.kind() == DeviceKind.WEB_HANDHELD) {
      throw new InputException("kind", "made_at_login", "web handhelds are made at the officer's first login");
    }
    String token = DeviceDirectory.newToken();
    devices.enrol(device, DeviceDirectory.newOsmAndKey(), DeviceDirectory.sha256(token), time.now(), Caller.of(ctx).name())
        .compose(outcome -> changed(ctx, outcome, device.uniqueId()))
        .onSuccess(saved -> Replies.json(ctx, 201, json(ctx, saved).put("token", token)))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/v1/devices/{uniqueId} {"kind", "officer"}}: moves it (officer left out: nobody's). */
  private void change(RoutingContext ctx) {
    Device device = DirectoryInput.device(Input.body(ctx), Input.identifier("uniqueId", ctx.pathParam("uniqueId")));
    found(ctx).compose(current -> {
      if ((current.kind() == DeviceKind.WEB_HANDHELD) != (device.kind() == DeviceKind.WEB_HANDHELD)) {
        return Future.failedFuture(new InputException("kind", "web_handheld",
            "a web handheld stays one, and no other device becomes one"));
      }
      return devices.change(device.uniqueId(), device.kind(), device.officerCode(), time.now(), Caller.of(ctx).name());
    }).compose(outcome -> changed(ctx, outcome, device.uniqueId()))
        .onSuccess(saved -> Replies.json(ctx, 200, json(ctx, saved)))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/devices/{uniqueId}/key}: a new OsmAnd key; the old one is refused from now on. */
  private void rotateKey(RoutingContext ctx) {
    found(ctx).compose(current -> {
      if (current.kind() == DeviceKind.WEB_HANDHELD) {
        return Future.failedFuture(new InputException("uniqueId", "web_handheld",
            "a web handheld has no OsmAnd key: it checks in with its officer's login"));
      }
      return devices.rotateKey(current.uniqueId(), DeviceDirectory.newOsmAndKey(), time.now(), Caller.of(ctx).name());
    }).compose(outcome -> changed(ctx, outcome, ctx.pathParam("uniqueId")))
        .onSuccess(saved -> Replies.json(ctx, 200, json(ctx, saved)))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/devices/{uniqueId}/token}: a new JSON API token, shown this once. */
  private void rotateToken(RoutingContext ctx) {
    String token = DeviceDirectory.newToken();
    found(ctx).compose(current -> devices.rotateToken(current.uniqueId(), DeviceDirectory.sha256(token), time.now(),
            Caller.of(ctx).name()))
        .compose(outcome -> changed(ctx, outcome, ctx.pathParam("uniqueId")))
        .onSuccess(saved -> Replies.json(ctx, 200, json(ctx, saved).put("token", token)))
        .onFailure(ctx::fail);
  }

  private void retire(RoutingContext ctx) {
    String uniqueId = Input.identifier("uniqueId", ctx.pathParam("uniqueId"));
    devices.retire(uniqueId, time.now(), Caller.of(ctx).name())
        .compose(outcome -> changed(ctx, outcome, uniqueId))
        .onSuccess(saved -> Replies.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /api/v1/devices/{uniqueId}/qr.svg?of=url|id}: the QR code of the device's server URL with its key
   * (scanned into Traccar Client's server URL) or of its id.
   */
  private void qrCode(RoutingContext ctx) {
    String of = ctx.queryParams().get("of") == null ? "url" : ctx.queryParams().get("of");
    if (!of.equals("url") && !of.equals("id")) {
      throw new InputException("of", "one_of", "of must be url or id");
    }
    found(ctx).onSuccess(device -> {
      String text = of.equals("id") ? device.uniqueId() : serverUrl(ctx, device);
      if (text == null) {
        ctx.fail(new InputException("uniqueId", "web_handheld", "a web handheld has no server URL"));
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(QrCode.svg(text));
    }).onFailure(ctx::fail);
  }

  private Future<DeviceRow> found(RoutingContext ctx) {
    String uniqueId = Input.identifier("uniqueId", ctx.pathParam("uniqueId"));
    return devices.byUniqueId(uniqueId).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : Future.failedFuture(RequestException.notFound("uniqueId", "no device " + uniqueId)));
  }

  /** After a change: tells every node, and reads the device back (or fails with why the change was refused). */
  private Future<DeviceRow> changed(RoutingContext ctx, Outcome outcome, String uniqueId) {
    return switch (outcome) {
      case DONE -> {
        eventBus.publish(Addresses.DEVICES_CHANGED, new JsonObject().put("uniqueId", uniqueId));
        yield reloadHere.get().compose(v -> devices.byUniqueId(uniqueId)).map(saved -> saved.orElseThrow());
      }
      case NOT_FOUND -> Future.failedFuture(RequestException.notFound("uniqueId", "no device " + uniqueId));
      case RETIRED -> Future.failedFuture(RequestException.conflict("uniqueId", "retired",
          "device " + uniqueId + " is retired"));
      case DUPLICATE -> Future.failedFuture(RequestException.conflict("uniqueId", "duplicate",
          "device " + uniqueId + " is already enrolled"));
      case UNKNOWN_OFFICER -> Future.failedFuture(new InputException("officer", "not_found",
          "officer must be the code of an officer who has not left"));
    };
  }

  /** The server URL Traccar Client is given: the OsmAnd endpoint with the device's key in the path. */
  private String serverUrl(RoutingContext ctx, DeviceRow device) {
    if (device.osmandKey() == null) {
      return null;
    }
    String base = publicUrl.isBlank()
        ? (ctx.request().isSSL() ? "https://" : "http://") + hostOnly(ctx.request().authority() == null ? "localhost"
            : ctx.request().authority().host()) + ":" + osmandPort
        : publicUrl;
    return base + "/k/" + device.osmandKey();
  }

  private static String hostOnly(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private JsonObject json(RoutingContext ctx, DeviceRow device) {
    return new JsonObject()
        .put("uniqueId", device.uniqueId())
        .put("kind", device.kind().wireName())
        .put("officer", device.officerCode() == null ? null
            : new JsonObject().put("code", device.officerCode()).put("name", device.officerName()))
        .put("key", device.osmandKey())
        .put("serverUrl", serverUrl(ctx, device))
        .put("hasToken", device.hasToken())
        .put("enrolled", time.local(device.enrolledAt()))
        .put("retired", time.local(device.retiredAt()))
        .put("lastSeen", time.local(device.lastSeen()))
        .put("battery", device.battery())
        .put("lastFix", device.fixTime() == null ? null : new JsonObject()
            .put("at", time.local(device.fixTime()))
            .put("lat", device.lat())
            .put("lon", device.lon())
            .put("cell", device.cellCode()));
  }
}
