package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts: raised once per miss, then satisfied late or cleared. An overdue-patrol alert row holds the cells of
 * a window that fell overdue together (see migration V9); every cell of it is listed as an alert of its own.
 * What a raise adds is also queued in {@code alert_inbox}, in the same statement, for the escalation.
 */
public final class AlertRepository {
  private final Pool pool;

  public AlertRepository(Pool pool) {
    this.pool = pool;
  }

  public record AlertRow(long id, String kind, String status, Long planId, String planName, String windowId,
                         String cellCode, String officerCode, String teamCode, String missed, Instant overdueSince,
                         Instant raisedAt, Instant resolvedAt) {}

  /**
   * Cells of one plan window that fell overdue at the same instant, missing the same thing: one raise.
   * {@code missed} must follow from plan, window and {@code overdueSince} alone (which requirement's deadline
   * that is), as a raise may add cells to an alert row written before.
   */
  public record OverdueRaise(long planId, String windowId, Instant overdueSince, String missed, long[] cellIds) {}

  /** An alert row as raised: the cells this raise added to it (by id), and the plan's team. */
  public record RaisedCells(long id, String teamCode, long[] cellIds) {}

  /**
   * Raises the patrol-overdue alerts of these cells in one statement: into one row per bucket of cell ids, each
   * cell unless the same miss of it was raised before (by this node before a restart, or by another node).
   * Completes with the rows written to and the cells that were new in each (ids: the caller knows the codes, and
   * looking 75,000 of them up here would double the statement). One statement and about a hundred rows for the
   * 75,000 cells of a missed night plan, so the storm commits within a second.
   */
  public Future<List<RaisedCells>> raiseOverdue(OverdueRaise raise, Instant now) {
    Integer[] cells = new Integer[raise.cellIds().length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = Math.toIntExact(raise.cellIds()[i]);
    }
    return pool.preparedQuery("""
            WITH buckets AS (
              SELECT alert_cell_bucket(cell) AS bucket, sort(array_agg(cell)) AS cells
              FROM unnest($5::int[]) AS cell GROUP BY 1
            ), raised AS (
              INSERT INTO alerts AS a (kind, status, plan_id, window_id, team_id, missed, overdue_since, raised_at,
                                       cell_bucket, cell_ids)
              SELECT 'patrol_overdue', 'open', $1, $2, p.team_id, $4, $3, $6, b.bucket, b.cells
              FROM buckets b JOIN plans p ON p.id = $1
              -- Buckets in one order for every raise: two nodes raising overlapping cells of a window (a shard
              -- moving) would otherwise lock the same rows in opposite orders and deadlock.
              ORDER BY b.bucket
              ON CONFLICT (plan_id, window_id, cell_bucket, overdue_since) DO UPDATE
                SET cells_added = EXCLUDED.cell_ids - a.cell_ids, cell_ids = a.cell_ids | EXCLUDED.cell_ids
                WHERE NOT a.cell_ids @> EXCLUDED.cell_ids
              RETURNING a.id, a.team_id, coalesce(a.cells_added, a.cell_ids) AS added
            ), queued AS (
              INSERT INTO alert_inbox (alert_id, alert_count) SELECT id, cardinality(added) FROM raised
            )
            SELECT r.id, t.code, r.added FROM raised r LEFT JOIN teams t ON t.id = r.team_id""")
        .execute(Tuple.tuple().addValue(raise.planId()).addValue(raise.windowId()).addValue(utc(raise.overdueSince()))
            .addValue(raise.missed()).addValue(cells).addValue(utc(now)))
        .map(rows -> {
          List<RaisedCells> raised = new ArrayList<>(rows.size());
          for (Row row : rows) {
            Integer[] added = row.getArrayOfIntegers(2);
            long[] ids = new long[added.length];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = added[i];
            }
            raised.add(new RaisedCells(row.getLong(0), row.getString(1), ids));
          }
          return raised;
        });
  }

  /** Raises an officer-silent alert unless one with this key exists; completes with it, or empty if it did. */
  public Future<Optional<AlertRow>> raiseSilent(String key, long officerId, String missed, Instant silentSince,
                                                Instant now) {
    return pool.preparedQuery("""
            WITH raised AS (
              INSERT INTO alerts (alert_key, kind, status, officer_id, team_id, missed, overdue_since, raised_at)
              SELECT $1, 'officer_silent', 'open', o.id, o.team_id, $3, $4, $5 FROM officers o WHERE o.id = $2
              ON CONFLICT (alert_key) DO NOTHING
              RETURNING id
            ), queued AS (
              INSERT INTO alert_inbox (alert_id) SELECT id FROM raised
            )
            SELECT id FROM raised""")
        .execute(Tuple.of(key, officerId, missed, utc(silentSince), utc(now)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<AlertRow>empty())
            : find(rows.iterator().next().getLong(0)));
  }

  /** Clears the open officer-silent alerts of an officer (the device is heard again); completes with how many. */
  public Future<Integer> clearSilent(long officerId, Instant now) {
    return pool.preparedQuery("""
            UPDATE alerts SET status = 'cleared', resolved_at = $2
            WHERE kind = 'officer_silent' AND officer_id = $1 AND status = 'open'""")
        .execute(Tuple.of(officerId, utc(now)))
        .map(rows -> rows.rowCount());
  }

  /** A visit that came after a cell's deadline in a window. */
  public record LateVisit(long planId, String windowId, long cellId) {}

  /** A cell's alert settled by a late visit: the alert row, and the cell by code. */
  public record Settled(long id, long planId, String windowId, String cellCode) {}

  /**
   * Settles the cells of these late visits in the alerts of their windows, all in one statement; completes with
   * one entry per alert settled (none for a cell whose alerts were settled before).
   */
  public Future<List<Settled>> satisfyLate(List<LateVisit> visits, Instant now) {
    int n = visits.size();
    Long[] plans = new Long[n];
    String[] windows = new String[n];
    Integer[] cells = new Integer[n];
    for (int i = 0; i < n; i++) {
      plans[i] = visits.get(i).planId();
      windows[i] = visits.get(i).windowId();
      cells[i] = Math.toIntExact(visits.get(i).cellId());
    }
    return pool.preparedQuery("""
            WITH settled AS (
              INSERT INTO alert_settlements (alert_id, cell_id, settled_at)
              SELECT a.id, v.cell_id, $4
              FROM unnest($1::bigint[], $2::text[], $3::int[]) AS v(plan_id, window_id, cell_id)
              JOIN alerts a ON a.plan_id = v.plan_id AND a.window_id = v.window_id
                           AND a.cell_bucket = alert_cell_bucket(v.cell_id) AND v.cell_id = ANY(a.cell_ids)
              ON CONFLICT DO NOTHING
              RETURNING alert_id, cell_id
            )
            SELECT a.id, a.plan_id, a.window_id, c.code
            FROM settled s JOIN alerts a ON a.id = s.alert_id JOIN cells c ON c.id = s.cell_id""")
        .execute(Tuple.tuple().addValue(plans).addValue(windows).addValue(cells).addValue(utc(now)))
        .map(rows -> {
          List<Settled> settled = new ArrayList<>(rows.size());
          rows.forEach(row -> settled.add(new Settled(row.getLong(0), row.getLong(1), row.getString(2),
              row.getString(3))));
          return settled;
        });
  }

  /**
   * What to list; areas are the caller's (null: the whole city), matched on the cell or the officer's community.
   * {@code after} is where the previous page ended (null: the first page).
   */
  public record Filter(String status, String cellCode, Long planId, Instant from, Instant to, PageKey after,
                       int limit, List<String> areas) {}

  /**
   * Where a line of the list is in its order (newest first, then by alert row, then by cell id; 0 for an alert
   * without a cell), so that the next page starts after it however many alerts are raised meanwhile.
   */
  public record PageKey(Instant overdueSince, long id, long cellId) {}

  /** A page of alerts, newest first, and where the next one starts (null: this was the last). */
  public record AlertPage(List<AlertRow> alerts, PageKey next) {}

  /** The alerts matching the filter, newest first, a page at a time. */
  public Future<AlertPage> list(Filter filter) {
    PageKey after = filter.after();
    return pool.preparedQuery(SELECT + """
            WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR c.code = $2)
              AND ($2::text IS NULL OR a.cell_bucket = (SELECT alert_cell_bucket(id::int) FROM cells WHERE code = $2))
              AND ($3::bigint IS NULL OR a.plan_id = $3) AND a.overdue_since >= $4 AND a.overdue_since < $5
              AND ($8::timestamptz IS NULL OR (a.overdue_since, a.id) < ($8, $9)
                   OR ((a.overdue_since, a.id) = ($8, $9) AND coalesce(a.cell_id, 0) > $10))
              AND """ + Areas.condition("coalesce(c.code, o.community_code)", 7) + """
            ORDER BY a.overdue_since DESC, a.id DESC, coalesce(a.cell_id, 0) LIMIT $6""")
        .execute(Tuple.tuple().addValue(filter.status()).addValue(filter.cellCode()).addValue(filter.planId())
            .addValue(utc(filter.from())).addValue(utc(filter.to())).addValue(filter.limit())
            .addValue(Areas.parameter(filter.areas()))
            .addValue(after == null ? null : utc(after.overdueSince()))
            .addValue(after == null ? null : after.id()).addValue(after == null ? null : after.cellId()))
        .map(rows -> {
          List<AlertRow> alerts = new ArrayList<>(rows.size());
          PageKey last = null;
          for (Row row : rows) {
            AlertRow alert = alert(row);
            alerts.add(alert);
            last = new PageKey(alert.overdueSince(), alert.id(), row.getLong(13));
          }
          return new AlertPage(alerts, alerts.size() == filter.limit() ? last : null);
        });
  }

  /** A window of a plan, as alerts name it. */
  public record WindowRef(long planId, String windowId) {}

  /** Of these cells, those with an unsettled overdue-patrol alert in one of these windows. */
  public Future<Set<Long>> overdueCells(List<Long> cellIds, List<WindowRef> windows) {
    if (cellIds.isEmpty() || windows.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery("""
            WITH page AS (SELECT sort($1::int[]) AS cells)
            SELECT DISTINCT x.cell_id
            FROM page, unnest($2::bigint[], $3::text[]) AS w(plan_id, window_id)
            JOIN alerts a ON a.plan_id = w.plan_id AND a.window_id = w.window_id
            CROSS JOIN LATERAL unnest(a.cell_ids & page.cells) AS x(cell_id)
            WHERE a.cell_bucket IN (SELECT DISTINCT alert_cell_bucket(c) FROM unnest($1::int[]) AS c)
              AND a.kind = 'patrol_overdue' AND a.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM alert_settlements s WHERE s.alert_id = a.id AND s.cell_id = x.cell_id)""")
        .execute(Tuple.tuple().addValue(cellIds.stream().map(Math::toIntExact).toArray(Integer[]::new))
            .addValue(windows.stream().map(WindowRef::planId).toArray(Long[]::new))
            .addValue(windows.stream().map(WindowRef::windowId).toArray(String[]::new)))
        .map(rows -> {
          Set<Long> cells = new HashSet<>();
          rows.forEach(row -> cells.add(row.getLong(0)));
          return cells;
        });
  }

  public Future<Optional<AlertRow>> find(long id) {
    return pool.preparedQuery(SELECT + " WHERE a.id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(alert(rows.iterator().next())));
  }

  private static final String SELECT = """
      SELECT a.id, a.kind, a.status, a.plan_id, p.name, a.window_id, c.code, o.code, t.code, a.missed,
             a.overdue_since, a.raised_at, a.resolved_at, coalesce(a.cell_id, 0)
      FROM alert_cells a
      LEFT JOIN plans p ON p.id = a.plan_id
      LEFT JOIN cells c ON c.id = a.cell_id
      LEFT JOIN officers o ON o.id = a.officer_id
      LEFT JOIN teams t ON t.id = a.team_id
      """;

  private static AlertRow alert(Row row) {
    return new AlertRow(row.getLong(0), row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
        row.getOffsetDateTime(10).toInstant(), row.getOffsetDateTime(11).toInstant(),
        row.getOffsetDateTime(12) == null ? null : row.getOffsetDateTime(12).toInstant());
  }
}
