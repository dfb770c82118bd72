package org.gridpatrol.console;

import io.vertx.ext.web.RoutingContext;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;

/** A page of cells in code order: those whose code starts with {@code prefix}, after the code {@code after}. */
record CellPage(String prefix, String after, int limit) {

  /**
   * {@code prefix}, {@code after} and {@code limit} of a request for cells.
   *
   * @throws InputException naming the parameter that is not a code prefix, a cell code or a page size
   */
  static CellPage of(RoutingContext ctx, int defaultLimit, int maxLimit) {
    String prefix = ctx.queryParams().get("prefix") == null ? "" : ctx.queryParams().get("prefix").trim();
    String after = ctx.queryParams().get("after") == null ? "" : ctx.queryParams().get("after").trim();
    if (!prefix.matches("[0-9]{0,15}")) {
      throw new InputException("prefix", "cell_code", "prefix must be the leading digits of a cell code");
    }
    if (!after.isEmpty() && !CellCode.isValid(after)) {
      throw new InputException("after", "cell_code", "after must be a 15-digit cell code");
    }
    return new CellPage(prefix, after, Input.limit(ctx.queryParams().get("limit"), defaultLimit, maxLimit));
  }
}
