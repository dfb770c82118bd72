package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.gridpatrol.store.DeviceRecord;

/** {@code POST /api/v1/checkins}: a batch of one handheld's check-ins. */
public final class CheckinRoutes {
  /** Finds the handheld a request comes from; completes with null once it has answered the request itself (401...). */
  public interface Handhelds {
    Future<DeviceRecord> identify(RoutingContext ctx);
  }

  private final CheckinService service;
  private final Handhelds handhelds;
  private final JsonBatchDecoder decoder;
  private final long maxBodyBytes;

  public CheckinRoutes(CheckinService service, Handhelds handhelds, int maxItems, long maxBodyBytes) {
    this.service = service;
    this.handhelds = handhelds;
    this.decoder = new JsonBatchDecoder(maxItems);
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    router.post("/api/v1/checkins")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::submit);
  }

  private void submit(RoutingContext ctx) {
    handhelds.identify(ctx).onComplete(found -> {
      if (found.failed()) {
        HttpErrors.unavailable(ctx, found.cause());
      } else if (found.result() != null) {
        submit(ctx, found.result());
      }
    });
  }

  private void submit(RoutingContext ctx, DeviceRecord device) {
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
}
