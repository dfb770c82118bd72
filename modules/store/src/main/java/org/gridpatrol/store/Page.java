package org.gridpatrol.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One page of a list and how many items match in all (for "21–40 of 312"). */
public record Page<T>(List<T> items, long total) {

  /** The rows mapped, with the total from the column {@code count(*) OVER ()} at {@code totalColumn}. */
  static <T> Page<T> of(RowSet<Row> rows, int totalColumn, Function<Row, T> mapper) {
    List<T> items = new ArrayList<>(rows.size());
    long total = 0;
    for (Row row : rows) {
      items.add(mapper.apply(row));
      total = row.getLong(totalColumn);
    }
    return new Page<>(items, total);
  }
}
