package org.gridpatrol.web;

import io.vertx.ext.web.Router;

/** A feature's part of the HTTP API: its routes, put on the router of one HTTP verticle. */
public interface Routes {
  void mount(Router router);
}
