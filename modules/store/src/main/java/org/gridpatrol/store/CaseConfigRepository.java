package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;

/** The cases configuration document (categories, limits, policies): every version kept, the newest in force. */
public final class CaseConfigRepository {
  private final Pool pool;

  public CaseConfigRepository(Pool pool) {
    this.pool = pool;
  }

  public record Version(long id, JsonObject document, Instant changedAt, String changedBy, String note) {}

  public Future<Optional<Version>> latest() {
    return pool.query("SELECT id, document, changed_at, changed_by, note FROM case_config ORDER BY id DESC LIMIT 1")
        .execute()
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(version(rows.iterator().next())));
  }

  /**
   * Saves a new version if the newest is still {@code basedOn} (null: there is none yet); completes with the
   * new version, or empty if someone saved another version meanwhile.
   */
  public Future<Optional<Version>> save(Long basedOn, JsonObject document, String by, String note, Instant at) {
    return pool.withTransaction(connection -> connection.query("LOCK TABLE case_config IN EXCLUSIVE MODE").execute()
        .compose(v -> connection.query("SELECT max(id) FROM case_config").execute())
        .compose(rows -> {
          Long newest = rows.iterator().next().getLong(0);
          if (newest == null ? basedOn != null : !newest.equals(basedOn)) {
            return Future.succeededFuture(Optional.<Version>empty());
          }
          return connection.preparedQuery("""
                  INSERT INTO case_config (document, changed_at, changed_by, note) VALUES ($1, $2, $3, $4)
                  RETURNING id, document, changed_at, changed_by, note""")
              .execute(Tuple.of(document, utc(at), by, note))
              .map(inserted -> Optional.of(version(inserted.iterator().next())));
        }));
  }

  private static Version version(Row row) {
    return new Version(row.getLong(0), (JsonObject) row.getValue(1), row.getOffsetDateTime(2).toInstant(),
        row.getString(3), row.getString(4));
  }
}
