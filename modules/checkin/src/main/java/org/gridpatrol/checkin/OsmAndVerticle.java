package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import org.gridpatrol.store.DeviceRecord;
import org.gridpatrol.web.FailureHandler;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.RequestException;

/**
 * The OsmAnd intake on its own port (Traccar's 5055), replying as Traccar does so that Traccar Client and
 * OsmAnd work unchanged: 200 with an empty body once the fix is committed (also when a quality filter drops
 * it, so the handheld does not resend it for ever), 400 for a missing or unknown id (404 for an unknown
 * device in the JSON variant), 503 when the store cannot commit, so the handheld keeps the fix and retries.
 * A device proves itself with its key, in the path ({@code /k/<key>}, the server URL set in Traccar Client,
 * which keeps the path) or as the {@code key} parameter; a missing or wrong key is answered as an unknown device.
 */
public final class OsmAndVerticle extends VerticleBase {
  private static final long MAX_BODY_BYTES = 64 * 1024;

  private final CheckinService service;
  private final Clock clock;
  private final String host;
  private final int port;
  private final boolean requireKey;

  /** @param requireKey whether a fix without a key is refused (false only for a city's legacy devices) */
  public OsmAndVerticle(CheckinService service, Clock clock, String host, int port, boolean requireKey) {
    this.service = service;
    this.clock = clock;
    this.host = host;
    this.port = port;
    this.requireKey = requireKey;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    FailureHandler.install(router);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/k/:key").handler(this::handle);
    router.route("/").handler(this::handle);
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router)
        .listen();
  }

  private void handle(RoutingContext ctx) {
    boolean json = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
    OsmAndDecoder.Request request = json
        ? OsmAndDecoder.decodeJson(Input.body(ctx))
        : OsmAndDecoder.decodeParameters(ctx.request().params(), clock.instant());
    String key = ctx.pathParam("key") != null ? ctx.pathParam("key") : ctx.request().getParam("key");
    DeviceRecord device = service.devices().forOsmAnd(request.uniqueId(), key, requireKey);
    if (device == null) {
      throw new RequestException(json ? 404 : 400, json ? "device_id" : "id", "unknown_device",
          "device " + request.uniqueId() + " is not registered");
    }
    // Decoding caught every bad input above, so a non-accepted item here was dropped by a GPS quality filter.
    service.submit(device, List.of(Decoded.of(request.item())), CheckinService.FieldPrefix.NONE)
        .onSuccess(done -> ctx.response().setStatusCode(200).end())
        .onFailure(ctx::fail);
  }
}
