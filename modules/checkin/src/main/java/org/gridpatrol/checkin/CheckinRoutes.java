package org.gridpatrol.checkin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.gridpatrol.store.DeviceRecord;

/** {@code POST /api/v1/checkins}: a batch of one device's check-ins, authenticated by the device's token. */
public final class CheckinRoutes {
  private final CheckinService service;
  private final JsonBatchDecoder decoder;
  private final long maxBodyBytes;

  public CheckinRoutes(CheckinService service, int maxItems, long maxBodyBytes) {
    this.service = service;
    this.decoder = new JsonBatchDecoder(maxItems);
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    router.post("/api/v1/checkins")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::submit);
  }

  private void submit(RoutingContext ctx) {
    DeviceRecord device = authenticate(ctx);
    if (device == null) {
      return;
    }
    List<Decoded> items;
    try {
      items = decoder.decode(ctx.body().buffer());
    } catch (InputException e) {
      HttpErrors.reply(ctx, 400, e.error());
      return;
    }
    service.submit(device, items, CheckinService.FieldPrefix.JSON_BATCH).onComplete(done -> {
      if (done.failed()) {
        HttpErrors.unavailable(ctx, done.cause());
        return;
      }
      int accepted = 0;
      int duplicates = 0;
      int rejected = 0;
      JsonArray results = new JsonArray();
      for (ItemResult result : done.result()) {
        switch (result.status()) {
          case ACCEPTED -> accepted++;
          case DUPLICATE -> duplicates++;
          case REJECTED -> rejected++;
        }
        results.add(result.toJson());
      }
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
          .end(new JsonObject()
              .put("accepted", accepted)
              .put("duplicates", duplicates)
              .put("rejected", rejected)
              .put("results", results)
              .encode());
    });
  }

  /** The device whose bearer token the request carries, or null after replying 401. */
  private DeviceRecord authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      HttpErrors.reply(ctx, 401, "Authorization", "required", "a device token is required: Authorization: Bearer <token>");
      return null;
    }
    DeviceRecord device = service.devices().byToken(header.substring(7).trim());
    if (device == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      HttpErrors.reply(ctx, 401, "Authorization", "invalid_token", "the device token is unknown or revoked");
    }
    return device;
  }
}
