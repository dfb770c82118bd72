package org.gridpatrol.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers as the API gives them: JSON in UTF-8. */
public final class Replies {
  private Replies() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** 204 No Content. */
  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
