package org.gridpatrol.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.gridpatrol.domain.access.Operation;

/**
 * Lets a request on only when its caller may do an operation: a route handler that answers 401 or 403
 * otherwise and leaves the {@link Caller} for the handlers behind it ({@link Caller#of}). Feature routes are
 * given one; how callers are found (sessions, device tokens, the admin token) is the access module's business.
 */
public interface Guard {
  Handler<RoutingContext> require(Operation operation);
}
