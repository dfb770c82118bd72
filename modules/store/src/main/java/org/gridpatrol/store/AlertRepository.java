package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts: raised once per key, then satisfied late or cleared. Each new alert is also queued in
 * {@code alert_inbox}, in the same statement, for the escalation to put into a case.
 */
public final class AlertRepository {
  private final Pool pool;

  public AlertRepository(Pool pool) {
    this.pool = pool;
  }

  public record AlertRow(long id, String kind, String status, Long planId, String planName, String windowId,
                         String cellCode, String officerCode, String teamCode, String missed, Instant overdueSince,
                         Instant raisedAt, Instant resolvedAt) {}

  /** One missed patrol to raise: its key, and what the alert says. */
  public record OverdueRaise(String key, long planId, String windowId, long cellId, String missed,
                             Instant overdueSince) {}

  /**
   * Raises patrol-overdue alerts in one statement, each unless one with its key exists; completes with the
   * alerts that were new (the others were raised before, by this node before a restart or by another node).
   * One statement for many, so a storm of misses at one deadline costs one commit, not thousands.
   */
  public Future<List<AlertRow>> raiseOverdue(List<OverdueRaise> raises, Instant now) {
    int n = raises.size();
    String[] keys = new String[n];
    Long[] plans = new Long[n];
    String[] windows = new String[n];
    Long[] cells = new Long[n];
    String[] missed = new String[n];
    OffsetDateTime[] since = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      OverdueRaise raise = raises.get(i);
      keys[i] = raise.key();
      plans[i] = raise.planId();
      windows[i] = raise.windowId();
      cells[i] = raise.cellId();
      missed[i] = raise.missed();
      since[i] = utc(raise.overdueSince());
    }
    return pool.preparedQuery("""
            WITH input AS (
              SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[],
                                   $6::timestamptz[]) AS t(alert_key, plan_id, window_id, cell_id, missed, overdue_since)
            ), raised AS (
              INSERT INTO alerts (alert_key, kind, status, plan_id, window_id, cell_id, team_id, missed,
                                  overdue_since, raised_at)
              SELECT i.alert_key, 'patrol_overdue', 'open', i.plan_id, i.window_id, i.cell_id, p.team_id, i.missed,
                     i.overdue_since, $7
              FROM input i JOIN plans p ON p.id = i.plan_id
              ON CONFLICT (alert_key) DO NOTHING
              RETURNING id, kind, status, plan_id, window_id, cell_id, officer_id, team_id, missed, overdue_since,
                        raised_at, resolved_at
            ), queued AS (
              INSERT INTO alert_inbox (alert_id) SELECT id FROM raised
            )
            SELECT a.id, a.kind, a.status, a.plan_id, p.name, a.window_id, c.code, o.code, t.code, a.missed,
                   a.overdue_since, a.raised_at, a.resolved_at
            FROM raised a
            LEFT JOIN plans p ON p.id = a.plan_id
            LEFT JOIN cells c ON c.id = a.cell_id
            LEFT JOIN officers o ON o.id = a.officer_id
            LEFT JOIN teams t ON t.id = a.team_id""")
        .execute(Tuple.from(new Object[] {keys, plans, windows, cells, missed, since, utc(now)}))
        .map(rows -> {
          List<AlertRow> alerts = new ArrayList<>(rows.size());
          rows.forEach(row -> alerts.add(alert(row)));
          return alerts;
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

  /**
   * Marks the open alerts of the given windows and cells satisfied late, all in one statement; completes with
   * one entry per alert marked (none for a cell whose alerts were marked before).
   */
  public Future<List<LateVisit>> satisfyLate(List<LateVisit> visits, Instant now) {
    int n = visits.size();
    Long[] plans = new Long[n];
    String[] windows = new String[n];
    Long[] cells = new Long[n];
    for (int i = 0; i < n; i++) {
      plans[i] = visits.get(i).planId();
      windows[i] = visits.get(i).windowId();
      cells[i] = visits.get(i).cellId();
    }
    return pool.preparedQuery("""
            UPDATE alerts a SET status = 'satisfied_late', resolved_at = $4
            FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS t(plan_id, window_id, cell_id)
            WHERE a.plan_id = t.plan_id AND a.window_id = t.window_id AND a.cell_id = t.cell_id
              AND a.status = 'open'
            RETURNING a.plan_id, a.window_id, a.cell_id""")
        .execute(Tuple.tuple().addValue(plans).addValue(windows).addValue(cells).addValue(utc(now)))
        .map(rows -> {
          List<LateVisit> settled = new ArrayList<>(rows.size());
          rows.forEach(row -> settled.add(new LateVisit(row.getLong(0), row.getString(1), row.getLong(2))));
          return settled;
        });
  }

  /** What to list; areas are the caller's (null: the whole city), matched on the cell or the officer's community. */
  public record Filter(String status, String cellCode, Long planId, Instant from, Instant to, int limit,
                       List<String> areas) {}

  /** Alerts matching the filter, newest first. */
  public Future<List<AlertRow>> list(Filter filter) {
    return pool.preparedQuery(SELECT + """
            WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR c.code = $2)
              AND ($3::bigint IS NULL OR a.plan_id = $3) AND a.overdue_since >= $4 AND a.overdue_since < $5
              AND """ + Areas.condition("coalesce(c.code, o.community_code)", 7) + """
            ORDER BY a.overdue_since DESC, a.id DESC LIMIT $6""")
        .execute(Tuple.tuple().addValue(filter.status()).addValue(filter.cellCode()).addValue(filter.planId())
            .addValue(utc(filter.from())).addValue(utc(filter.to())).addValue(filter.limit())
            .addValue(Areas.parameter(filter.areas())))
        .map(rows -> {
          List<AlertRow> alerts = new ArrayList<>(rows.size());
          rows.forEach(row -> alerts.add(alert(row)));
          return alerts;
        });
  }

  /** Of these cells, those with an open overdue-patrol alert. */
  public Future<Set<Long>> overdueCells(List<Long> cellIds) {
    return pool.preparedQuery("""
            SELECT DISTINCT cell_id FROM alerts
            WHERE cell_id = ANY($1) AND kind = 'patrol_overdue' AND status = 'open'""")
        .execute(Tuple.tuple().addValue(cellIds.toArray(new Long[0])))
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
             a.overdue_since, a.raised_at, a.resolved_at
      FROM alerts a
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

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
