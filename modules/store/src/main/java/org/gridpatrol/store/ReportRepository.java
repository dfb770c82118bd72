package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation (综合评价): per officer, team, department or district, the cases due for closure in a period
 * (their handle deadline falls in it) and what became of them, how long each stage took on average, the
 * escalations by level, and the patrol alerts of the period.
 */
public final class ReportRepository {
  private final Pool pool;

  public ReportRepository(Pool pool) {
    this.pool = pool;
  }

  /** How cases and alerts are grouped. */
  public enum By {
    OFFICER, TEAM, DEPARTMENT, DISTRICT;

    public static By fromWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One group's line of the evaluation. Average stage times are in seconds (null without data).
   * {@code cellWindows} counts a cell once per plan window (started in the period) that covers it,
   * {@code cellWindowsMissed} those of them that raised an overdue alert.
   */
  public record Line(String group, long due, long closed, long closedOnTime, Map<String, Double> averageStageSeconds,
                     Map<Integer, Long> escalationsByLevel, long patrolOverdue, long patrolSatisfiedLate,
                     long officerSilent, long cellWindows, long cellWindowsMissed) {
    public double closureRate() {
      return due == 0 ? 0 : (double) closed / due;
    }

    /** The share of cell-windows patrolled as the plan asked; null without any. */
    public Double patrolCoverage() {
      return cellWindows == 0 ? null : 1 - (double) cellWindowsMissed / cellWindows;
    }

    public double onTimeClosureRate() {
      return due == 0 ? 0 : (double) closedOnTime / due;
    }
  }

  /**
   * The team whose area held the case's cell when the case came in (the narrowest area if several did), from the
   * directory's history: a street handed to another team later stays the old team's for the cases before.
   */
  private static final String TEAM_THEN = """
      (SELECT h.code FROM (
         SELECT DISTINCT ON (dh.code) dh.code, dh.record FROM directory_history dh
         WHERE dh.kind = 'team' AND (dh.changed_at <= k.created_at OR dh.action = 'initial')
         ORDER BY dh.code, (dh.changed_at <= k.created_at) DESC,
                  CASE WHEN dh.changed_at <= k.created_at THEN -dh.id ELSE dh.id END) h
       WHERE NOT (h.record ->> 'retired')::boolean AND c.code LIKE (h.record ->> 'area') || '%'
       ORDER BY length(h.record ->> 'area') DESC, h.code LIMIT 1)""";

  /** SQL giving a case's group from the case (k), its cell (c). */
  private static String caseGroup(By by) {
    return switch (by) {
      case OFFICER -> "CASE WHEN k.source = 'officer' THEN k.reporter END";
      case TEAM -> TEAM_THEN;
      case DEPARTMENT -> "k.department";
      case DISTRICT -> "substring(c.code, 1, 6)";
    };
  }

  /** SQL giving an alert's group from the alert (a), its cell (c), officer (o) and team (t). */
  private static String alertGroup(By by) {
    return switch (by) {
      case OFFICER -> "o.code";
      case TEAM -> "t.code";
      case DEPARTMENT -> "NULL::text";
      case DISTRICT -> "substring(COALESCE(c.code, o.community_code), 1, 6)";
    };
  }

  /** A plan window that started in the period: its plan, the version that governs it, its id, its start. */
  public record PlanWindow(long planId, int version, String windowId, Instant start) {}

  /**
   * SQL giving a planned cell's group from the cell (c), the window (w) and the plan's team (t). A cell-window
   * is the officer's who patrolled the cell when the window began (officers_then, from the directory's
   * history), so moving an officer or giving their community to another does not rewrite the past.
   */
  private static String cellGroup(By by) {
    return switch (by) {
      case OFFICER -> "(SELECT v.code FROM officers_then v WHERE v.start = w.start"
          + " AND (v.area = substring(c.code, 1, 12) OR v.area = c.code) ORDER BY v.code LIMIT 1)";
      case TEAM -> "t.code";
      case DEPARTMENT -> "NULL::text";
      case DISTRICT -> "substring(c.code, 1, 6)";
    };
  }

  /**
   * Every officer's areas as they stood at each window start (w.start): their newest version from then, else
   * their first known one if that is the initial one (the directory before it kept history); officers who had
   * left by then are out.
   */
  private static final String OFFICERS_THEN = """
      officers_then AS (
        SELECT s.start, h.code, a.area
        FROM (SELECT DISTINCT start FROM w) s
        CROSS JOIN LATERAL (
          SELECT DISTINCT ON (dh.code) dh.code, dh.record FROM directory_history dh
          WHERE dh.kind = 'officer' AND (dh.changed_at <= s.start OR dh.action = 'initial')
          ORDER BY dh.code, (dh.changed_at <= s.start) DESC,
                   CASE WHEN dh.changed_at <= s.start THEN -dh.id ELSE dh.id END) h
        CROSS JOIN LATERAL jsonb_array_elements_text(h.record -> 'areas') a(area)
        WHERE h.record ->> 'status' <> 'left')
      """;

  /**
   * The evaluation of cases due and alerts raised in [from, to), and of the plan windows that started in it,
   * in the areas given (null: the whole city).
   */
  public Future<List<Line>> evaluation(Instant from, Instant to, By by, List<String> areas, List<PlanWindow> windows) {
    Tuple period = Tuple.tuple().addValue(utc(from)).addValue(utc(to)).addValue(Areas.parameter(areas));
    String dueCases = "FROM cases k JOIN cells c ON c.id = k.cell_id WHERE k.handle_deadline >= $1 AND k.handle_deadline < $2"
        + " AND " + Areas.condition("c.code", 3);
    Future<Map<String, long[]>> counts = pool.preparedQuery("SELECT " + caseGroup(by) + """
             AS grp, count(*), count(*) FILTER (WHERE k.status = 'closed' AND k.closed_at < $2),
             count(*) FILTER (WHERE k.status = 'closed' AND k.closed_at < $2 AND NOT k.late)
            """ + dueCases + " GROUP BY 1")
        .execute(period)
        .map(rows -> {
          Map<String, long[]> map = new TreeMap<>();
          rows.forEach(r -> map.put(group(r), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)}));
          return map;
        });
    // Time in each stage: from the event that entered a status to the next status change of the case,
    // summed per case (a reopened case handles twice), averaged over the cases.
    Future<Map<String, Map<String, Double>>> stages = pool.preparedQuery("""
            WITH due AS (SELECT k.id, """ + caseGroup(by) + " AS grp " + dueCases + """
            ), moves AS (
              SELECT e.case_id, e.to_status, e.at,
                     lead(e.at) OVER (PARTITION BY e.case_id ORDER BY e.id) AS left_at
              FROM case_events e JOIN due ON due.id = e.case_id WHERE e.to_status IS NOT NULL)
            SELECT grp, stage, avg(seconds) FROM (
              SELECT due.grp, m.case_id,
                     CASE m.to_status WHEN 'reported' THEN 'register' WHEN 'registered' THEN 'dispatch'
                                      WHEN 'dispatched' THEN 'handle' WHEN 'in_progress' THEN 'handle'
                                      WHEN 'handled' THEN 'verify' END AS stage,
                     sum(extract(epoch FROM m.left_at - m.at)) AS seconds
              FROM moves m JOIN due ON due.id = m.case_id
              WHERE m.left_at IS NOT NULL
                AND m.to_status IN ('reported', 'registered', 'dispatched', 'in_progress', 'handled')
              GROUP BY 1, 2, 3) per_case
            GROUP BY 1, 2""")
        .execute(period)
        .map(rows -> {
          Map<String, Map<String, Double>> map = new TreeMap<>();
          rows.forEach(r -> map.computeIfAbsent(group(r), g -> new LinkedHashMap<>())
              .put(r.getString(1), r.getNumeric(2).doubleValue()));
          return map;
        });
    Future<Map<String, Map<Integer, Long>>> escalations = pool.preparedQuery("""
            WITH due AS (SELECT k.id, """ + caseGroup(by) + " AS grp " + dueCases + """
            )
            SELECT due.grp, s.level + 1, count(*) FROM escalation_steps s JOIN due ON due.id = s.case_id
            WHERE s.kind = 'escalate' GROUP BY 1, 2""")
        .execute(period)
        .map(rows -> {
          Map<String, Map<Integer, Long>> map = new TreeMap<>();
          rows.forEach(r -> map.computeIfAbsent(group(r), g -> new TreeMap<>()).put(r.getInteger(1), r.getLong(2)));
          return map;
        });
    Future<Map<String, long[]>> alerts = pool.preparedQuery("SELECT " + alertGroup(by) + """
             AS grp, count(*) FILTER (WHERE a.kind = 'patrol_overdue'),
             count(*) FILTER (WHERE a.kind = 'patrol_overdue' AND a.status = 'satisfied_late'),
             count(*) FILTER (WHERE a.kind = 'officer_silent')
            FROM alert_cells a LEFT JOIN cells c ON c.id = a.cell_id LEFT JOIN officers o ON o.id = a.officer_id
            LEFT JOIN teams t ON t.id = a.team_id
            WHERE a.overdue_since >= $1 AND a.overdue_since < $2
              AND """ + Areas.condition("coalesce(c.code, o.community_code)", 3) + " GROUP BY 1")
        .execute(period)
        .map(rows -> {
          Map<String, long[]> map = new TreeMap<>();
          rows.forEach(r -> map.put(group(r), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)}));
          return map;
        });
    Tuple planned = Tuple.tuple()
        .addValue(windows.stream().map(PlanWindow::planId).toArray(Long[]::new))
        .addValue(windows.stream().map(PlanWindow::version).toArray(Integer[]::new))
        .addValue(windows.stream().map(PlanWindow::windowId).toArray(String[]::new))
        .addValue(Areas.parameter(areas))
        .addValue(windows.stream().map(window -> utc(window.start())).toArray(java.time.OffsetDateTime[]::new));
    Future<Map<String, long[]>> coverage = pool.preparedQuery(
            "WITH w AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $5::timestamptz[])"
            + " AS w(plan_id, version, window_id, start)), " + OFFICERS_THEN
            + " SELECT " + cellGroup(by) + """
             AS grp, count(*),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.plan_id = w.plan_id
                                    AND a.window_id = w.window_id AND a.cell_bucket = alert_cell_bucket(pc.cell_id::int)
                                    AND pc.cell_id::int = ANY(a.cell_ids) AND a.kind = 'patrol_overdue'))
            FROM w JOIN plan_cells pc ON pc.plan_id = w.plan_id AND pc.version = w.version
            JOIN cells c ON c.id = pc.cell_id JOIN plans p ON p.id = w.plan_id LEFT JOIN teams t ON t.id = p.team_id
            WHERE """ + Areas.condition("c.code", 4) + " GROUP BY 1")
        .execute(planned)
        .map(rows -> {
          Map<String, long[]> map = new TreeMap<>();
          rows.forEach(r -> map.put(group(r), new long[] {r.getLong(1), r.getLong(2)}));
          return map;
        });
    return Future.all(List.of(counts, stages, escalations, alerts, coverage)).map(all -> {
      TreeMap<String, Boolean> groups = new TreeMap<>();
      counts.result().keySet().forEach(g -> groups.put(g, true));
      alerts.result().keySet().forEach(g -> groups.put(g, true));
      coverage.result().keySet().forEach(g -> groups.put(g, true));
      List<Line> lines = new ArrayList<>();
      for (String group : groups.keySet()) {
        long[] c = counts.result().getOrDefault(group, new long[3]);
        long[] a = alerts.result().getOrDefault(group, new long[3]);
        long[] p = coverage.result().getOrDefault(group, new long[2]);
        lines.add(new Line(group, c[0], c[1], c[2], stages.result().getOrDefault(group, Map.of()),
            escalations.result().getOrDefault(group, Map.of()), a[0], a[1], a[2], p[0], p[1]));
      }
      return lines;
    });
  }

  /** Cases and alerts without a group (e.g. hotline cases by officer) are listed under "-". */
  private static String group(Row row) {
    String group = row.getString(0);
    return group == null ? "-" : group;
  }
}
