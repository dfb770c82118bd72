package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.instant;
import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Patrol plans and their versions. A change is a new version; nothing is rewritten. */
public final class PlanRepository {
  private final Pool pool;

  public PlanRepository(Pool pool) {
    this.pool = pool;
  }

  public record VersionRow(int version, Instant effectiveFrom, JsonObject definition, int cellCount) {}

  public record PlanRow(long id, String name, String teamCode, Instant createdAt, Instant retiredAt,
                        List<VersionRow> versions) {

    public VersionRow latest() {
      return versions.get(versions.size() - 1);
    }
  }

  /** Creates a plan with its first version; completes with the plan's id. */
  public Future<Long> create(String name, Long teamId, Instant effectiveFrom, JsonObject definition,
                             List<Long> cellIds) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("INSERT INTO plans (name, team_id) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(name, teamId))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> insertVersion(connection, id, 1, effectiveFrom, definition, cellIds).map(v -> id)));
  }

  /**
   * Adds the next version of a plan, in effect from {@code effectiveFrom}; completes with its number, or empty
   * if the plan does not exist or is retired.
   */
  public Future<Optional<Integer>> addVersion(long planId, String name, Long teamId, Instant effectiveFrom,
                                              JsonObject definition, List<Long> cellIds) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("""
            UPDATE plans SET name = $2, team_id = $3 WHERE id = $1 AND retired_at IS NULL
            RETURNING (SELECT max(version) FROM plan_versions WHERE plan_id = $1)""")
        .execute(Tuple.of(planId, name, teamId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Integer>empty());
          }
          int next = rows.iterator().next().getInteger(0) + 1;
          return insertVersion(connection, planId, next, effectiveFrom, definition, cellIds).map(v -> Optional.of(next));
        }));
  }

  private static Future<Void> insertVersion(SqlConnection connection, long planId, int version, Instant effectiveFrom,
                                            JsonObject definition, List<Long> cellIds) {
    return connection.preparedQuery("""
            INSERT INTO plan_versions (plan_id, version, effective_from, definition) VALUES ($1, $2, $3, $4)""")
        .execute(Tuple.of(planId, version, utc(effectiveFrom), definition))
        .compose(v -> connection.preparedQuery("""
                INSERT INTO plan_cells (plan_id, version, cell_id) SELECT $1, $2, unnest($3::bigint[])""")
            .execute(Tuple.of(planId, version, cellIds.toArray(new Long[0]))))
        .mapEmpty();
  }

  /** Retires a plan: no window starting at or after {@code at}. True if it was active. */
  public Future<Boolean> retire(long planId, Instant at) {
    return pool.preparedQuery("UPDATE plans SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL")
        .execute(Tuple.of(planId, utc(at)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<PlanRow>> find(long planId) {
    return plans("WHERE p.id = $1", Tuple.of(planId)).map(list -> list.stream().findFirst());
  }

  /** Every plan (retired ones too when asked), in id order. */
  public Future<List<PlanRow>> list(boolean withRetired) {
    return plans(withRetired ? "" : "WHERE p.retired_at IS NULL", Tuple.tuple());
  }

  private Future<List<PlanRow>> plans(String where, Tuple parameters) {
    return pool.preparedQuery("""
            SELECT p.id, p.name, t.code, p.created_at, p.retired_at, v.version, v.effective_from, v.definition,
                   (SELECT count(*) FROM plan_cells c WHERE c.plan_id = p.id AND c.version = v.version)
            FROM plans p
            JOIN plan_versions v ON v.plan_id = p.id
            LEFT JOIN teams t ON t.id = p.team_id
            """ + where + " ORDER BY p.id, v.version")
        .execute(parameters)
        .map(rows -> {
          Map<Long, PlanRow> plans = new LinkedHashMap<>();
          for (Row row : rows) {
            PlanRow plan = plans.computeIfAbsent(row.getLong(0), id -> new PlanRow(id, row.getString(1),
                row.getString(2), instant(row.getOffsetDateTime(3)), instant(row.getOffsetDateTime(4)),
                new ArrayList<>()));
            plan.versions().add(new VersionRow(row.getInteger(5), instant(row.getOffsetDateTime(6)),
                (JsonObject) row.getValue(7), row.getLong(8).intValue()));
          }
          return List.copyOf(plans.values());
        });
  }

  /** The streets (9-digit code prefixes) of the cells of any version of each plan: where a plan lies. */
  public Future<Map<Long, List<String>>> streets(List<Long> planIds) {
    return pool.preparedQuery("""
            SELECT pc.plan_id, array_agg(DISTINCT substring(c.code, 1, 9))
            FROM plan_cells pc JOIN cells c ON c.id = pc.cell_id
            WHERE pc.plan_id = ANY($1) GROUP BY pc.plan_id""")
        .execute(Tuple.tuple().addValue(planIds.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, List<String>> streets = new HashMap<>();
          rows.forEach(row -> streets.put(row.getLong(0), List.of(row.getArrayOfStrings(1))));
          return streets;
        });
  }

  /** The versions of each plan that cover a cell: planId -> versions. */
  public Future<Map<Long, Set<Integer>>> versionsWithCell(long cellId) {
    return pool.preparedQuery("SELECT plan_id, version FROM plan_cells WHERE cell_id = $1")
        .execute(Tuple.of(cellId))
        .map(rows -> {
          Map<Long, Set<Integer>> versions = new HashMap<>();
          rows.forEach(row -> versions.computeIfAbsent(row.getLong(0), id -> new HashSet<>()).add(row.getInteger(1)));
          return versions;
        });
  }

  /** The cells of one version of a plan. */
  public Future<List<Long>> cells(long planId, int version) {
    return pool.preparedQuery("SELECT cell_id FROM plan_cells WHERE plan_id = $1 AND version = $2 ORDER BY cell_id")
        .execute(Tuple.of(planId, version))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(rows.size());
          rows.forEach(row -> ids.add(row.getLong(0)));
          return ids;
        });
  }

  /** For every plan, version by version, its cells and each cell's shard: planId -> version -> cell -> shard. */
  public Future<Map<Long, Map<Integer, Map<Long, Integer>>>> cellShards() {
    return pool.query("""
            SELECT pc.plan_id, pc.version, pc.cell_id, c.shard
            FROM plan_cells pc JOIN cells c ON c.id = pc.cell_id""")
        .execute()
        .map(rows -> {
          Map<Long, Map<Integer, Map<Long, Integer>>> plans = new HashMap<>();
          for (Row row : rows) {
            plans.computeIfAbsent(row.getLong(0), p -> new HashMap<>())
                .computeIfAbsent(row.getInteger(1), v -> new HashMap<>())
                .put(row.getLong(2), row.getInteger(3));
          }
          return plans;
        });
  }

  public record OfficerRef(long id, String code) {}

  /** Officers by code, and the officers of each team by team code; for who is on duty in a plan. */
  public Future<Map<String, List<OfficerRef>>> officersByTeam() {
    return pool.query("SELECT o.id, o.code, t.code FROM officers o LEFT JOIN teams t ON t.id = o.team_id ORDER BY o.id")
        .execute()
        .map(rows -> {
          Map<String, List<OfficerRef>> byTeam = new HashMap<>();
          rows.forEach(row -> byTeam.computeIfAbsent(row.getString(2) == null ? "" : row.getString(2),
              t -> new ArrayList<>()).add(new OfficerRef(row.getLong(0), row.getString(1))));
          return byTeam;
        });
  }

  /** A plan's cell selection by code and code prefix, resolved against the grid. */
  public record ResolvedCells(List<Long> ids, List<String> unknownCodes) {}

  public Future<ResolvedCells> resolve(List<String> codes, List<String> prefixes) {
    return pool.preparedQuery("""
            SELECT c.id, c.code FROM cells c
            WHERE c.code = ANY($1) OR c.code LIKE ANY (SELECT p || '%' FROM unnest($2::text[]) p)""")
        // Not Tuple.of(a, b): a String[] second argument would be taken as the varargs array itself.
        .execute(Tuple.tuple().addValue(codes.toArray(new String[0])).addValue(prefixes.toArray(new String[0])))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(rows.size());
          Set<String> found = new HashSet<>();
          for (Row row : rows) {
            ids.add(row.getLong(0));
            found.add(row.getString(1));
          }
          return new ResolvedCells(ids, codes.stream().filter(code -> !found.contains(code)).toList());
        });
  }

  /** The id of the team with that code, if any. */
  public Future<Optional<Long>> teamId(String code) {
    return pool.preparedQuery("SELECT id FROM teams WHERE code = $1").execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }
}
