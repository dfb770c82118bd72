package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.gridpatrol.checkin.CheckinRoutes;
import org.gridpatrol.web.SecurityHeaders;
import org.gridpatrol.web.FailureHandler;

/** The HTTP API on one event loop; the node deploys one instance per core, all sharing the port. */
final class ApiVerticle extends VerticleBase {
  private final NodeServices services;

  ApiVerticle(NodeServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    Settings settings = services.settings();
    FailureHandler.install(router);
    SecurityHeaders.install(router, settings.string("map.tile_url"));
    new CheckinRoutes(services.checkins(), services.access()::handheld, settings.integer("checkin.max_batch_items"),
        settings.integer("checkin.max_body_bytes")).mount(router);
    new ReadRoutes(services, vertx.eventBus()).mount(router);
    new LoginRoutes(services, vertx).mount(router);
    new UserRoutes(services, vertx).mount(router);
    new AdminRoutes(services, vertx).mount(router);
    new PlanRoutes(services, vertx.eventBus()).mount(router);
    new AlertRoutes(services).mount(router);
    CaseRoutes cases = new CaseRoutes(services);
    cases.mount(router);
    MapRoutes map = new MapRoutes(services, cases);
    map.mount(router);
    new LiveMap(services, vertx, map).mount(router);
    new WebPages().mount(router);
    new CasesConfigRoutes(services, vertx).mount(router);
    new NotificationRoutes(services).mount(router);
    new ReportRoutes(services).mount(router);
    new CalendarRoutes(services).mount(router);
    new OperationsRoutes(services).mount(router);
    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(settings.string("http.host"))
            .setPort(settings.integer("http.port")))
        .requestHandler(router)
        .listen();
  }
}
