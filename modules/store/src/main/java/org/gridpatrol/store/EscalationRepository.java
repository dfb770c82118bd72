package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gridpatrol.domain.cases.CaseState;
import org.gridpatrol.domain.cases.EscalationStep;
import org.gridpatrol.store.CaseRepository.CaseRow;
import org.gridpatrol.store.CaseRepository.Change;
import org.gridpatrol.store.CaseRepository.NewCase;

/**
 * The escalation's work in the database: taking the steps that are due, and opening cases for new alerts.
 * Both lock what they take with {@code FOR UPDATE SKIP LOCKED}, so nodes share the work without waiting for
 * each other, and write everything a step does (the step, the case's new state, the audit event, the
 * notifications) in one transaction; the step's unique key makes sure no retry takes it twice.
 */
public final class EscalationRepository {
  private final Pool pool;

  public EscalationRepository(Pool pool) {
    this.pool = pool;
  }

  /** A step to take for a case: whom it reaches, and the case's change (new state, next step, event, notices). */
  public record StepTaken(EscalationStep step, String stage, String role, String area, String card, Change change) {}

  /**
   * What to do with a case whose step looked due: take {@code step}, or, if null (nothing is due after all,
   * e.g. its policy changed), only set its next step to {@code reschedule} (null for none).
   */
  public record Decision(StepTaken step, EscalationStep reschedule) {}

  /**
   * Takes the escalation steps due by {@code now}, up to {@code limit} cases, earliest first; {@code plan}
   * decides for each case. Completes with the steps taken.
   */
  public Future<List<StepTaken>> takeDue(Instant now, int limit, Function<CaseRow, Decision> plan) {
    return pool.withTransaction(connection -> connection.preparedQuery(CaseRepository.SELECT + """
            WHERE k.next_step_at <= $1 ORDER BY k.next_step_at LIMIT $2 FOR UPDATE OF k SKIP LOCKED""")
        .execute(Tuple.of(utc(now), limit))
        .compose(rows -> {
          List<Future<Optional<StepTaken>>> writes = new ArrayList<>();
          rows.forEach(row -> {
            CaseRow due = CaseRepository.row(row);
            Decision decision = plan.apply(due);
            writes.add(decision.step() != null ? take(connection, due.id(), decision.step())
                : setNextStep(connection, due.id(), decision.reschedule()).map(v -> Optional.empty()));
          });
          // The statements of all cases go out together on the one connection (pipelined).
          return Future.all(writes).map(all -> {
            List<StepTaken> taken = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
              writes.get(i).result().ifPresent(taken::add);
            }
            return taken;
          });
        }));
  }

  private static Future<Optional<StepTaken>> take(SqlConnection connection, long caseId, StepTaken taken) {
    EscalationStep step = taken.step();
    return connection.preparedQuery("""
            INSERT INTO escalation_steps (case_id, stage, stage_seq, kind, level, role, area, card, due_at, taken_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (case_id, stage_seq, kind, level, due_at) DO NOTHING RETURNING id""")
        .execute(Tuple.tuple().addValue(caseId).addValue(taken.stage())
            .addValue(taken.change().state().stageSeq()).addValue(step.kind().wireName()).addValue(step.level())
            .addValue(taken.role()).addValue(taken.area()).addValue(taken.card()).addValue(utc(step.dueAt()))
            .addValue(utc(taken.change().event().at())))
        .compose(rows -> {
          if (rows.size() == 0) {
            // Taken before (the case's state was written with it, so this is a stale read): nothing more to do.
            return Future.succeededFuture(Optional.<StepTaken>empty());
          }
          long stepId = rows.iterator().next().getLong(0);
          return CaseRepository.write(connection, caseId, taken.change(), stepId).map(v -> Optional.of(taken));
        });
  }

  private static Future<Void> setNextStep(SqlConnection connection, long caseId, EscalationStep next) {
    return connection.preparedQuery("""
            UPDATE cases SET next_step_kind = $2, next_step_level = $3, next_step_at = $4 WHERE id = $1""")
        .execute(Tuple.tuple().addValue(caseId).addValue(next == null ? null : next.kind().wireName())
            .addValue(next == null ? null : next.level()).addValue(next == null ? null : utc(next.dueAt())))
        .mapEmpty();
  }

  /**
   * Alerts without a case yet: an inbox entry, standing for {@code alerts} cells of an overdue alert row (or
   * one silence); {@code cellId} is where it is (the row's first cell).
   */
  public record OpenAlert(long id, String kind, Long planId, String planName, String windowId, Long teamId,
                          String teamCode, Long officerId, String officerCode, long cellId, String alertKey,
                          Instant overdueSince, String missed, int alerts) {}

  /** What a round put into cases: inbox entries taken, and the alerts (cells, silences) they stood for. */
  public record Cased(int entries, long alerts) {}

  /**
   * The case that a group of alerts opens (or joins, if a case with its group key exists): everything for a
   * new case, and the audit event for joining an existing one.
   */
  public record AlertCase(NewCase created, CaseState state, Instant stageDeadline, EscalationStep nextStep,
                          CaseRepository.Event openEvent, List<NotificationRepository.Outgoing> notifications,
                          CaseRepository.Event joinEvent) {}

  /**
   * Puts up to {@code limit} entries of the inbox into cases (taking them out of it): {@code groupOf} gives each
   * entry's group key (one case per plan window and team, or per silence), and {@code caseFor} the case a group
   * opens. A group whose case exists joins it.
   */
  public Future<Cased> caseAlerts(int limit, Function<OpenAlert, String> groupOf,
                                       Function<List<OpenAlert>, AlertCase> caseFor) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            WITH taken AS (
              DELETE FROM alert_inbox WHERE entry IN (
                SELECT entry FROM alert_inbox ORDER BY entry LIMIT $1 FOR UPDATE SKIP LOCKED)
              RETURNING alert_id, alert_count)
            SELECT * FROM (
              SELECT a.id, a.kind, a.plan_id, p.name, a.window_id, a.team_id, t.code, a.officer_id, o.code,
                     -- Where the case is: the alert's cell, or for a silent officer the cell of the last fix,
                     -- else the first cell of the officer's community.
                     COALESCE(a.cell_ids[1]::bigint,
                              (SELECT s.cell_id FROM device_state s WHERE s.officer_id = a.officer_id
                                 AND s.cell_id IS NOT NULL ORDER BY s.fix_time DESC LIMIT 1),
                              (SELECT c.id FROM cells c WHERE c.code LIKE o.community_code || '%'
                                 ORDER BY c.code LIMIT 1)) AS cell_id,
                     a.alert_key, a.overdue_since, a.missed, taken.alert_count
              FROM taken JOIN alerts a ON a.id = taken.alert_id
              LEFT JOIN plans p ON p.id = a.plan_id
              LEFT JOIN teams t ON t.id = a.team_id
              LEFT JOIN officers o ON o.id = a.officer_id) placed
            -- An alert with no place at all (an officer without community who never reported) opens no case;
            -- it stays in GET /api/v1/alerts.
            WHERE cell_id IS NOT NULL""")
        .execute(Tuple.of(limit))
        .compose(rows -> {
          Map<String, List<OpenAlert>> groups = new LinkedHashMap<>();
          rows.forEach(r -> {
            OpenAlert alert = new OpenAlert(r.getLong(0), r.getString(1), r.getLong(2), r.getString(3),
                r.getString(4), r.getLong(5), r.getString(6), r.getLong(7), r.getString(8), r.getLong(9),
                r.getString(10), r.getOffsetDateTime(11).toInstant(), r.getString(12), r.getInteger(13));
            groups.computeIfAbsent(groupOf.apply(alert), key -> new ArrayList<>()).add(alert);
          });
          List<Future<Long>> opened = new ArrayList<>();
          groups.forEach((key, alerts) -> opened.add(openOrJoin(connection, key, alerts, caseFor.apply(alerts))));
          long alerts = groups.values().stream().flatMap(List::stream).mapToLong(OpenAlert::alerts).sum();
          return Future.all(opened).map(v -> new Cased(rows.size(), alerts));
        }));
  }

  private static Future<Long> openOrJoin(SqlConnection connection, String groupKey, List<OpenAlert> alerts,
                                         AlertCase alertCase) {
    NewCase created = alertCase.created();
    return connection.preparedQuery("""
            INSERT INTO cases (source, category, priority, status, cell_id, description, reporter, department,
                               group_key, alert_count, created_at, updated_at, policy)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
            ON CONFLICT (group_key) DO UPDATE SET alert_count = cases.alert_count + EXCLUDED.alert_count,
                                                  updated_at = EXCLUDED.updated_at
            RETURNING id, (xmax = 0) AS inserted""")
        .execute(Tuple.tuple().addValue(created.source()).addValue(created.category()).addValue(created.priority())
            .addValue(alertCase.state().status().wireName()).addValue(created.cellId())
            .addValue(created.description()).addValue(created.reporter()).addValue(created.department())
            .addValue(groupKey).addValue(alerts.stream().mapToInt(OpenAlert::alerts).sum()).addValue(utc(alertCase.openEvent().at()))
            .addValue(created.policy()))
        .compose(rows -> {
          long caseId = rows.iterator().next().getLong(0);
          boolean inserted = rows.iterator().next().getBoolean(1);
          Future<Void> written = inserted
              ? CaseRepository.write(connection, caseId, new Change(alertCase.state(), alertCase.stageDeadline(),
                  alertCase.nextStep(), created.department(), null, created.policy(), alertCase.openEvent(),
                  alertCase.notifications()), null)
              : CaseRepository.addEvent(connection, caseId, alertCase.joinEvent());
          return written.map(v -> caseId);
        });
  }
}
