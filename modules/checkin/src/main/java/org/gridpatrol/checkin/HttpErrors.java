package org.gridpatrol.checkin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error reply is JSON {"error": {"field", "rule", "message"}}, including the router's own ones. */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  public static void reply(RoutingContext ctx, int status, FieldError error) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(error.toErrorBody().encode());
  }

  public static void reply(RoutingContext ctx, int status, String field, String rule, String message) {
    reply(ctx, status, new FieldError(field, rule, message));
  }

  /** The store could not commit: nothing was acknowledged, the client should retry. */
  public static void unavailable(RoutingContext ctx, Throwable cause) {
    LOG.warn("Store unavailable for {} {}: {}", ctx.request().method(), ctx.request().path(), cause.toString());
    ctx.response().putHeader("Retry-After", "1");
    reply(ctx, 503, "store", "unavailable", "the database could not commit; nothing was stored, retry later");
  }

  public static void install(Router router) {
    router.errorHandler(400, ctx -> reply(ctx, 400, "request", "malformed", "the request could not be read"));
    router.errorHandler(404, ctx -> reply(ctx, 404, "path", "not_found", "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> reply(ctx, 405, "method", "not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> reply(ctx, 413, "body", "too_large", "the request body is larger than allowed"));
    router.errorHandler(500, ctx -> {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      reply(ctx, 500, "server", "internal", "internal error; it has been logged");
    });
  }
}
