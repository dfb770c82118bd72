package org.gridpatrol.node;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * Headers that make every page and answer safer in a browser: scripts, styles and connections from this node
 * only (no inline scripts), no framing by other sites, no content-type guessing, no referrer to other sites.
 */
final class SecurityHeaders {
  private SecurityHeaders() {
  }

  static void install(Router router) {
    router.route().handler(CSPHandler.create()
        .setDirective("default-src", "'self'")
        .setDirective("script-src", "'self'")
        .setDirective("style-src", "'self'")
        .setDirective("img-src", "'self' data:")
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
}
