package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Function;
import org.gridpatrol.web.FailureHandler;
import org.gridpatrol.web.Routes;
import org.gridpatrol.web.SecurityHeaders;

/**
 * The HTTP API on one event loop; the node deploys one instance per two cores, all sharing the port. Each
 * instance gets routes of its own (some keep state of their event loop: the live map's sockets, caches).
 */
final class ApiVerticle extends VerticleBase {
  private final NodeConfig.Http http;
  private final String tileUrl;
  private final Function<Vertx, List<Routes>> routes;

  /** @param tileUrl the map's tile server, which the pages' content policy must allow */
  ApiVerticle(NodeConfig.Http http, String tileUrl, Function<Vertx, List<Routes>> routes) {
    this.http = http;
    this.tileUrl = tileUrl;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    FailureHandler.install(router);
    SecurityHeaders.install(router, tileUrl);
    routes.apply(vertx).forEach(group -> group.mount(router));
    return vertx.createHttpServer(new HttpServerOptions().setHost(http.host()).setPort(http.port()))
        .requestHandler(router)
        .listen();
  }
}
