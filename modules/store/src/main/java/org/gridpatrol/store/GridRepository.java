package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridpatrol.domain.grid.GridCell;
import org.gridpatrol.domain.grid.GridProblem;
import org.gridpatrol.domain.grid.Shards;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** The grid cells and the record of grid imports. */
public final class GridRepository {
  private final Pool pool;
  private final int shardCount;

  public GridRepository(Pool pool, int shardCount) {
    this.pool = pool;
    this.shardCount = shardCount;
  }

  /** A stored cell with its geometry, as the point-to-cell index is built from. */
  public record StoredCell(long id, String code, Geometry geometry) {}

  /** One cell's descriptive row. */
  public record CellRow(long id, String code, String name, String district, String street, String community,
                        int shard, String geometryGeoJson) {}

  public record ImportSummary(long importId, int features, int created, int updated, int rejected,
                              List<GridProblem> problems) {}

  /**
   * Upserts the valid cells of one import by code in one transaction. Cells keep their id across
   * re-imports, so every position stored against them stays attached; cells missing from a new import are
   * kept, not deleted.
   */
  public Future<ImportSummary> importCells(String source, String crs, int features, List<GridCell> cells,
                                           List<GridProblem> problems) {
    GeoJsonWriter writer = new GeoJsonWriter();
    writer.setEncodeCRS(false);
    String[] codes = new String[cells.size()];
    String[] names = new String[cells.size()];
    String[] districts = new String[cells.size()];
    String[] streets = new String[cells.size()];
    String[] communities = new String[cells.size()];
    String[] geometries = new String[cells.size()];
    Integer[] shards = new Integer[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      GridCell cell = cells.get(i);
      codes[i] = cell.code();
      names[i] = cell.name();
      districts[i] = cell.district();
      streets[i] = cell.street();
      communities[i] = cell.community();
      geometries[i] = writer.write(cell.geometry());
      shards[i] = Shards.shardOf(cell.code(), shardCount);
    }
    JsonArray problemJson = new JsonArray();
    problems.forEach(p -> problemJson.add(problemToJson(p)));
    return pool.withTransaction(connection -> connection.preparedQuery("""
                INSERT INTO grid_imports (source, crs, features, created, updated, rejected, problems)
                VALUES ($1, $2, $3, 0, 0, $4, $5) RETURNING id""")
            .execute(Tuple.of(source, crs, features, problems.size(), problemJson))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(importId -> connection.preparedQuery("""
                    INSERT INTO cells (code, name, district, street, community, geometry, shard, import_id)
                    SELECT code, name, district, street, community, geometry::jsonb, shard, $8
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                $7::int[]) AS t(code, name, district, street, community, geometry, shard)
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, district = EXCLUDED.district,
                        street = EXCLUDED.street, community = EXCLUDED.community, geometry = EXCLUDED.geometry,
                        shard = EXCLUDED.shard, import_id = EXCLUDED.import_id, updated_at = now()
                    RETURNING (xmax = 0) AS created""")
                .execute(Tuple.from(new Object[] {codes, names, districts, streets, communities, geometries,
                    shards, importId}))
                .compose(rows -> {
                  int created = 0;
                  for (Row row : rows) {
                    if (row.getBoolean(0)) {
                      created++;
                    }
                  }
                  int updated = rows.size() - created;
                  int createdCount = created;
                  return connection.preparedQuery("UPDATE grid_imports SET created = $2, updated = $3 WHERE id = $1")
                      .execute(Tuple.of(importId, createdCount, updated))
                      .map(v -> new ImportSummary(importId, features, createdCount, updated, problems.size(),
                          problems));
                })));
  }

  public static JsonObject problemToJson(GridProblem problem) {
    return new JsonObject()
        .put("feature", problem.featureIndex())
        .put("code", withoutNul(problem.code()))
        .put("field", problem.field())
        .put("rule", problem.rule())
        .put("message", withoutNul(problem.message()));
  }

  /** Problems echo what the file said, and PostgreSQL's jsonb cannot hold a NUL character. */
  private static String withoutNul(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  public Future<List<StoredCell>> allCells() {
    return pool.query("SELECT id, code, geometry::text FROM cells ORDER BY code").execute().map(rows -> {
      GeoJsonReader reader = new GeoJsonReader();
      List<StoredCell> cells = new ArrayList<>(rows.size());
      for (Row row : rows) {
        try {
          cells.add(new StoredCell(row.getLong(0), row.getString(1), reader.read(row.getString(2))));
        } catch (ParseException e) {
          throw new IllegalStateException("Stored geometry of cell " + row.getString(1) + " is unreadable", e);
        }
      }
      return cells;
    });
  }

  public Future<Integer> count() {
    return pool.query("SELECT count(*) FROM cells").execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  /**
   * Cells whose code starts with {@code codePrefix} (district, district+street, ...; "" for all), in code order,
   * after the code {@code after} (exclusive; "" to start), at most {@code limit}: keyset pagination.
   */
  public Future<List<CellRow>> list(String codePrefix, String after, int limit, List<String> areas) {
    return pool.preparedQuery("""
            SELECT id, code, name, district, street, community, shard, geometry::text
            FROM cells WHERE code LIKE $1 || '%' AND code > $2 AND """ + Areas.condition("code", 4) + """
            ORDER BY code LIMIT $3""")
        .execute(Tuple.tuple().addValue(codePrefix).addValue(after).addValue(limit).addValue(Areas.parameter(areas)))
        .map(rows -> {
          List<CellRow> cells = new ArrayList<>(rows.size());
          for (Row row : rows) {
            cells.add(cellRow(row));
          }
          return cells;
        });
  }

  private static CellRow cellRow(Row row) {
    return new CellRow(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
        row.getString(5), row.getInteger(6), row.getString(7));
  }

  /** The codes of the given cells, by id. */
  public Future<Map<Long, String>> codes(List<Long> ids) {
    return pool.preparedQuery("SELECT id, code FROM cells WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, String> codes = new HashMap<>(rows.size() * 2);
          rows.forEach(row -> codes.put(row.getLong(0), row.getString(1)));
          return codes;
        });
  }

  public Future<Optional<CellRow>> findByCode(String code) {
    return pool.preparedQuery("""
            SELECT id, code, name, district, street, community, shard, geometry::text
            FROM cells WHERE code = $1""")
        .execute(Tuple.of(code))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          return Optional.of(cellRow(rows.iterator().next()));
        });
  }
}
