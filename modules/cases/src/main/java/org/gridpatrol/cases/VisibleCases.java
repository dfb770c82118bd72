package org.gridpatrol.cases;

import static org.gridpatrol.web.Input.text;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository;
import org.gridpatrol.web.Caller;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.RequestException;

/**
 * The cases a request's caller may see: those in their areas, and for a handler their department's. Any other
 * case does not exist for them (404), so a case number reveals nothing.
 */
final class VisibleCases {
  private final CaseRepository repository;

  VisibleCases(CaseRepository repository) {
    this.repository = repository;
  }

  /** The case, or a failure with the 404 to answer. */
  Future<CaseRow> row(RoutingContext ctx, long id) {
    return repository.row(id).map(found -> found.filter(row -> seen(ctx, row)).orElseThrow(() -> notFound(id)));
  }

  static boolean seen(RoutingContext ctx, CaseRow row) {
    return Caller.of(ctx).seesCase(row.cellCode(), row.department());
  }

  static RequestException notFound(long id) {
    return RequestException.notFound("id", "no case " + id);
  }

  /** The person acting: the caller, or for the admin token (other systems) the body's {@code actor}. */
  static String actor(Caller caller, JsonObject body) {
    if (caller.kind() != Caller.Kind.ADMIN_TOKEN) {
      return caller.name();
    }
    return Input.identifier("actor", text(body, "actor", Input.MAX_IDENTIFIER_LENGTH, true));
  }
}
