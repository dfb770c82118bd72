package org.gridpatrol.web;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.TransactionRollbackException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.gridpatrol.domain.cases.CaseAction;
import org.gridpatrol.domain.cases.IllegalTransitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become answers, for every route of a router: routes throw (or fail their future
 * into {@code ctx::fail}) and this answers with the one error shape {"error": {"field", "rule", "message"}}:
 * a {@link RequestException} with its own status (400 for input), an illegal case transition 409 with the
 * actions allowed, a database that cannot answer 503 with Retry-After (nothing was stored; send again), and
 * anything else a logged 500. The router's own refusals (no such path, method, body too large) get the same
 * shape.
 */
public final class FailureHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /**
   * SQLSTATE classes that mean the database cannot answer now, not that the statement is wrong: connection
   * (08), transaction rollback (40: serialisation, deadlock), insufficient resources (53), operator
   * intervention (57: shutdown, restart) and system error (58).
   */
  private static final Set<String> UNAVAILABLE_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

  private FailureHandler() {}

  /** Installs the handler, the router's error answers and the query-string check on {@code router}; call first. */
  public static void install(Router router) {
    router.route().failureHandler(FailureHandler::answer);
    router.route().handler(FailureHandler::readableQuery);
    router.route().handler(FailureHandler::plainPath);
    router.errorHandler(404, ctx -> reply(ctx, 404, new FieldError("path", "not_found",
        "no such resource: " + ctx.request().path())));
    router.errorHandler(405, ctx -> reply(ctx, 405, new FieldError("method", "not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path())));
    // Reached only when answering itself failed.
    router.errorHandler(500, ctx -> reply(ctx, 500, internal()));
  }

  /**
   * A query string that is not valid percent-encoding cannot be read; refused here, before any route reads
   * its parameters and fails with an exception of the decoder's.
   */
  private static void readableQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      throw new InputException("query", "malformed", "the query string is not valid percent-encoding: "
          + e.getMessage());
    }
    ctx.next();
  }

  /** Control characters (a NUL, say) name nothing here; PostgreSQL cannot even compare them. */
  private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

  /** A path with a control character in it, plain or percent-encoded, is refused before any route reads it. */
  private static void plainPath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && (ENCODED_CONTROL.matcher(path).find() || path.chars().anyMatch(Character::isISOControl))) {
      throw new InputException("path", "control_character", "the path holds a control character");
    }
    ctx.next();
  }

  static void answer(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof RequestException refused) {
      refused.headers().forEach(ctx.response()::putHeader);
      reply(ctx, refused.status(), refused.error());
    } else if (failure instanceof IllegalTransitionException refused) {
      answer(ctx, 409, new FieldError("action", "illegal_transition", refused.getMessage()).toErrorBody()
          .put("allowed", new JsonArray(refused.allowed().stream().map(CaseAction::wireName).toList())));
    } else if (failure != null && unavailable(failure)) {
      LOG.warn("Store unavailable for {} {}: {}", ctx.request().method(), loggablePath(ctx), failure.toString());
      ctx.response().putHeader("Retry-After", "1");
      reply(ctx, 503, new FieldError("store", "unavailable",
          "the database could not commit; nothing was stored, retry later"));
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // The router's and its handlers' own refusals: a body over the limit, a request it could not parse.
      reply(ctx, ctx.statusCode(), refusal(ctx.statusCode()));
    } else {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), loggablePath(ctx), failure);
      reply(ctx, 500, internal());
    }
  }

  private static FieldError refusal(int status) {
    return switch (status) {
      case 413 -> new FieldError("body", "too_large", "the request body is larger than allowed");
      case 400 -> new FieldError("request", "malformed", "the request could not be read");
      default -> new FieldError("request", "refused", "the request was refused (HTTP " + status + ")");
    };
  }

  private static FieldError internal() {
    return new FieldError("server", "internal", "internal error; it has been logged");
  }

  /**
   * Whether the failure means the database (or the node that holds the answer) cannot be reached now, so the
   * same request may succeed later: a lost or refused connection, a timeout, a database shutting down.
   */
  static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DatabaseException database) {
        String state = database.getSqlState();
        return state != null && state.length() == 5 && UNAVAILABLE_SQL_CLASSES.contains(state.substring(0, 2));
      }
      if (cause instanceof ClosedConnectionException || cause instanceof TransactionRollbackException
          || cause instanceof IOException || cause instanceof TimeoutException || cause instanceof ReplyException
          // A store queue full: it cannot keep up now.
          || cause instanceof RejectedExecutionException) {
        return true;
      }
    }
    return false;
  }

  /** An error answer, unless one went out already (a failure after the answer started is only logged). */
  private static void reply(RoutingContext ctx, int status, FieldError error) {
    answer(ctx, status, error.toErrorBody());
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      LOG.warn("Failure after the answer to {} {} began; closing it", ctx.request().method(), loggablePath(ctx));
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** The path without secrets: an OsmAnd device's key travels in it ({@code /k/<key>}). */
  private static String loggablePath(RoutingContext ctx) {
    return ctx.request().path().replaceFirst("^/k/[^/]*", "/k/***");
  }
}
