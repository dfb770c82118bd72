package org.gridpatrol.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers as the API gives them: JSON in UTF-8, and files to save (exports). */
public final class Replies {
  private Replies() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }

  /**
   * 200 with a file to save: its type, and a Content-Disposition naming it. The name is made by the program
   * (e.g. {@code track-P0001-2026-12-04.gpx}) from codes that may hold any character but control characters;
   * anything but letters, digits, dot, dash and underscore becomes {@code _}, so a quote or a non-ASCII
   * character in a code cannot break the header.
   */
  public static void download(RoutingContext ctx, String contentType, String fileName, String body) {
    ctx.response()
        .setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + '"')
        .end(body);
  }

  /** 204 No Content. */
  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
