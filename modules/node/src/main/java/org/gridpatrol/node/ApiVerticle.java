package org.gridpatrol.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.gridpatrol.checkin.CheckinRoutes;
import org.gridpatrol.checkin.HttpErrors;

/** The HTTP API on one event loop; the node deploys one instance per core, all sharing the port. */
final class ApiVerticle extends VerticleBase {
  private final NodeServices services;

  ApiVerticle(NodeServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    HttpErrors.install(router);
    SecurityHeaders.install(router);
    Settings settings = services.settings();
    new CheckinRoutes(services.checkins(), settings.integer("checkin.max_batch_items"),
        settings.integer("checkin.max_body_bytes")).mount(router);
    new ReadRoutes(services, vertx.eventBus()).mount(router);
    new LoginRoutes(services, vertx).mount(router);
    new UserRoutes(services, vertx).mount(router);
    new AdminRoutes(services, vertx).mount(router);
    new PlanRoutes(services, vertx.eventBus()).mount(router);
    new AlertRoutes(services).mount(router);
    new CaseRoutes(services).mount(router);
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
