package org.gridpatrol.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.gridpatrol.domain.access.Operation;
import org.gridpatrol.web.Guard;
import org.gridpatrol.web.Replies;
import org.gridpatrol.web.Routes;

/**
 * {@code /health} (the process is alive) and {@code /ready} (database and cluster reachable), open to load balancers;
 * {@code /metrics} for Prometheus with the metrics token (it reads the metrics and nothing else), and for
 * administrators.
 */
final class OperationsRoutes implements Routes {
  /** Whether this node is still a member of the cluster, and how many members it sees. */
  interface ClusterHealth {
    boolean connected();

    int members();
  }

  private final Guard guard;
  private final byte[] metricsToken;
  private final String nodeName;
  private final Pool pool;
  private final ClusterHealth cluster;
  private final PrometheusMeterRegistry registry;
  private final IntSupplier cells;
  private final IntSupplier devices;

  /**
   * @param metricsToken   the bearer token that reads /metrics only
   * @param cells, devices how many cells and devices this node holds in memory (0 means not loaded)
   */
  OperationsRoutes(Guard guard, String metricsToken, String nodeName, Pool pool, ClusterHealth cluster,
                   PrometheusMeterRegistry registry, IntSupplier cells, IntSupplier devices) {
    this.guard = guard;
    this.metricsToken = ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
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
    Handler<RoutingContext> viewMetrics = guard.require(Operation.VIEW_METRICS);
    router.get("/metrics").handler(ctx -> {
      String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (authorization != null
          && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), metricsToken)) {
        ctx.next();
      } else {
        viewMetrics.handle(ctx);
      }
    }).handler(PrometheusScrapingHandler.create(registry));
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
