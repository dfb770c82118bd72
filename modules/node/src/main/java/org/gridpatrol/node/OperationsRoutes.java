package org.gridpatrol.node;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.TimeUnit;
import org.gridpatrol.domain.access.Operation;

/**
 * {@code /health} (the process is alive) and {@code /ready} (database and cluster reachable), open to load balancers;
 * {@code /metrics} for administrators (Prometheus sends the admin token as its bearer token).
 */
final class OperationsRoutes {
  private final NodeServices services;

  OperationsRoutes(NodeServices services) {
    this.services = services;
  }

  void mount(Router router) {
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(services.access().require(Operation.VIEW_METRICS))
        .handler(PrometheusScrapingHandler.create(services.registry()));
  }

  private void ready(RoutingContext ctx) {
    boolean cluster = services.clusterHealth().connected();
    services.pool().query("SELECT 1").execute()
        .timeout(2, TimeUnit.SECONDS)
        .onComplete(db -> {
          boolean ready = cluster && db.succeeded();
          JsonObject body = new JsonObject()
              .put("status", ready ? "ready" : "not_ready")
              .put("node", services.nodeName())
              .put("database", db.succeeded() ? "up" : "down: " + db.cause().getMessage())
              .put("cluster", cluster ? "up" : "down")
              .put("clusterMembers", services.clusterHealth().members())
              .put("cells", services.grid().size())
              .put("devices", services.checkins().devices().size());
          json(ctx, ready ? 200 : 503, body);
        });
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }
}
