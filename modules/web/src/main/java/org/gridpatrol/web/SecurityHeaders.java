package org.gridpatrol.web;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * Headers that make every page and answer safer in a browser: scripts, styles and connections from this node
 * only (no inline scripts), no framing by other sites, no content-type guessing, no referrer to other sites.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {
  }

  /** @param tileUrl the map's tile URL template, whose server may serve images too; empty for none */
  public static void install(Router router, String tileUrl) {
    router.route().handler(CSPHandler.create()
        .setDirective("default-src", "'self'")
        .setDirective("script-src", "'self'")
        .setDirective("style-src", "'self'")
        .setDirective("img-src", "'self' data:" + tileSource(tileUrl))
        .setDirective("connect-src", "'self'")
        .setDirective("object-src", "'none'")
        .setDirective("base-uri", "'none'")
        .setDirective("frame-ancestors", "'none'"));
    router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "same-origin");
      ctx.next();
    });
  }

  /** " https://*.tile.example.org" for "https://{s}.tile.example.org/{z}/{x}/{y}.png"; "" for none. */
  public static String tileSource(String tileUrl) {
    if (tileUrl == null || tileUrl.isBlank()) {
      return "";
    }
    int hostStart = tileUrl.indexOf("://");
    if (hostStart < 0) {
      throw new IllegalArgumentException("map.tile_url must be an http(s) URL template, not " + tileUrl);
    }
    int hostEnd = tileUrl.indexOf('/', hostStart + 3);
    String origin = hostEnd < 0 ? tileUrl : tileUrl.substring(0, hostEnd);
    return " " + origin.replace("{s}.", "*.");
  }

  /** Whether {@code origin} (an Origin header, may be null) is this node as the request addressed it. */
  public static boolean ownOrigin(RoutingContext ctx, String origin) {
    // The Host header under HTTP/1.1, the :authority of HTTP/2.
    HostAndPort authority = ctx.request().authority();
    if (origin == null || authority == null) {
      return false;
    }
    String host = authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return origin.equals("http://" + host) || origin.equals("https://" + host);
  }
}
