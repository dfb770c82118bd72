package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.gridpatrol.store.DeviceRecord;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/** {@code POST /api/v1/checkins}: a batch of one handheld's check-ins. */
public final class CheckinRoutes implements Routes {
  /** Finds the handheld a request comes from; fails with the {@code RequestException} to answer (401...) if none. */
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

  @Override
  public void mount(Router router) {
    router.post("/api/v1/checkins")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::submit);
  }

  private void submit(RoutingContext ctx) {
    handhelds.identify(ctx)
        .compose(device -> service.submit(device, decoder.decode(ctx.body().buffer()),
            CheckinService.FieldPrefix.JSON_BATCH))
        .onSuccess(results -> reply(ctx, results))
        .onFailure(ctx::fail);
  }

  private static void reply(RoutingContext ctx, List<ItemResult> results) {
    int accepted = 0;
    int duplicates = 0;
    int rejected = 0;
    JsonArray items = new JsonArray();
    for (ItemResult result : results) {
      switch (result.status()) {
        case ACCEPTED -> accepted++;
        case DUPLICATE -> duplicates++;
        case REJECTED -> rejected++;
      }
      items.add(result.toJson());
    }
    Replies.json(ctx, 200, new JsonObject()
        .put("accepted", accepted)
        .put("duplicates", duplicates)
        .put("rejected", rejected)
        .put("results", items));
  }
}
