package org.gridpatrol.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/**
 * {@code /health} (the process is alive) and {@code /ready} (database and cluster reachable), open to load balancers;
 * {@code /metrics} for administrators (Prometheus sends the admin token as its bearer token).
 */
final class OperationsRoutes implements Routes {
  /** Whether this node is still a member of the cluster, and how many members it sees. */
  interface ClusterHealth {
    boolean connected();

    int members();
  }

  private final Guard guard;
  private final String nodeName;
  private final Pool pool;
  private final ClusterHealth cluster;
  private final PrometheusMeterRegistry registry;
  private final IntSupplier cells;
  private final IntSupplier devices;

  /** @param cells, devices how many cells and devices this node holds in memory (0 means not loaded) */
  OperationsRoutes(Guard guard, String nodeName, Pool pool, ClusterHealth cluster, PrometheusMeterRegistry registry,
                   IntSupplier cells, IntSupplier devices) {
    this.guard = guard;
    this.nodeName = nodeName;
    this.pool = pool;
    this.cluster = cluster;
    this.registry = registry;
    this.cells = cells;
    this.devices = devices;
  }

  @Override
  public void mount(Router router) {
    router.get("/health").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(guard.require(Operation.VIEW_METRICS))
        .handler(PrometheusScrapingHandler.create(registry));
  }

  private void ready(RoutingContext ctx) {
    boolean connected = cluster.connected();
    pool.query("SELECT 1").execute()
        .timeout(2, TimeUnit.SECONDS)
        .onComplete(db -> {
          boolean ready = connected && db.succeeded();
          Replies.json(ctx, ready ? 200 : 503, new JsonObject()
              .put("status", ready ? "ready" : "not_ready")
              .put("node", nodeName)
              .put("database", db.succeeded() ? "up" : "down: " + db.cause().getMessage())
              .put("cluster", connected ? "up" : "down")
              .put("clusterMembers", cluster.members())
              .put("cells", cells.getAsInt())
              .put("devices", devices.getAsInt()));
        });
  }
}
