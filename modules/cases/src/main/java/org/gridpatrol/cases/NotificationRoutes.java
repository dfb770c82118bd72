package org.gridpatrol.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.store.NotificationRepository.Notification;
import org.gridpatrol.store.NotificationRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.CityClock;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.RequestException;
import org.gridpatrol.web.Routes;

/**
 * The notification log: {@code GET /api/v1/notifications?status=pending|sent|dead&case=&after=&limit=} (the
 * dead letters are {@code status=dead}), and {@code POST /api/v1/notifications/{id}/replay} to send a dead
 * one again. Admin token.
 */
public final class NotificationRoutes implements Routes {
  private static final Set<String> STATUSES = Set.of("pending", "sent", "dead");

  private final Guard guard;
  private final NotificationRepository notifications;
  private final CityClock time;

  public NotificationRoutes(Guard guard, NotificationRepository notifications, CityClock time) {
    this.guard = guard;
    this.notifications = notifications;
    this.time = time;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/notifications").handler(guard.require(Operation.VIEW_NOTIFICATIONS)).handler(this::list);
    router.post("/api/v1/notifications/:id/replay").handler(guard.require(Operation.REPLAY_NOTIFICATIONS))
        .handler(this::replay);
  }

  private void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw new InputException("status", "one_of", "status must be one of " + STATUSES);
    }
    Long caseId = ctx.queryParams().get("case") == null ? null : Input.number("case", ctx.queryParams().get("case"));
    Long after = ctx.queryParams().get("after") == null ? null
        : Input.number("after", ctx.queryParams().get("after"));
    int limit = Input.limit(ctx.queryParams().get("limit"), 100, 1000);
    notifications.list(status, caseId, after, limit, Caller.of(ctx).areas()).onSuccess(rows -> {
      JsonArray array = new JsonArray();
      rows.forEach(row -> array.add(json(row)));
      String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
      Replies.json(ctx, 200, new JsonObject().put("notifications", array).put("next", next));
    }).onFailure(ctx::fail);
  }

  private void replay(RoutingContext ctx) {
    long id = Input.number("id", ctx.pathParam("id"));
    notifications.replay(id, time.now()).onSuccess(replayed -> {
      if (replayed.isPresent()) {
        Replies.json(ctx, 200, json(replayed.get()));
      } else {
        ctx.fail(RequestException.conflict("id", "not_dead", "notification " + id + " does not exist or is not dead; only "
            + "dead notifications are replayed"));
      }
    }).onFailure(ctx::fail);
  }

  private JsonObject json(Notification n) {
    return new JsonObject()
        .put("id", n.id())
        .put("case", n.caseId())
        .put("channel", n.channel())
        .put("status", n.status())
        .put("attempts", n.attempts())
        .put("nextAttemptAt", n.status().equals("pending") ? time.local(n.nextAttemptAt()) : null)
        .put("lastError", n.lastError())
        .put("createdAt", time.local(n.createdAt()))
        .put("sentAt", time.local(n.sentAt()))
        .put("payload", n.payload());
  }
}
