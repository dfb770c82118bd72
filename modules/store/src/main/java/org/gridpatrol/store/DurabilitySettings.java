package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL settings an acknowledged check-in's survival depends on: with fsync, synchronous_commit or
 * full_page_writes off, a commit the node answered may be gone after a crash of the database's machine.
 */
public final class DurabilitySettings {
  static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

  private DurabilitySettings() {
  }

  /** Those of the settings that are not on, with their values (empty: durable). */
  public static Future<Map<String, String>> notDurable(Pool pool) {
    return pool.preparedQuery("SELECT name, setting FROM pg_settings WHERE name = ANY($1)")
        .execute(Tuple.of(SETTINGS.toArray(new String[0])))
        .map(rows -> {
          Map<String, String> off = new LinkedHashMap<>();
          for (Row row : rows) {
            if (!"on".equals(row.getString(1))) {
              off.put(row.getString(0), row.getString(1));
            }
          }
          return off;
        });
  }
}
