package org.gridpatrol.store;

import static org.gridpatrol.store.SqlTime.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridpatrol.domain.cases.CaseState;
import org.gridpatrol.domain.cases.CaseStatus;
import org.gridpatrol.domain.cases.EscalationState;
import org.gridpatrol.domain.cases.EscalationStep;
import org.gridpatrol.domain.cases.Stage;
import org.gridpatrol.domain.cases.StageClock;

/**
 * Cases, their audit trail and photos. Every change of a case is made in one transaction that locks the
 * case's row, writes its new state, adds the audit event and queues its notifications, so a change is
 * either all there or not at all, and two people (or a person and the escalation) never overwrite each other.
 */
public final class CaseRepository {
  private final Pool pool;

  public CaseRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * A case as stored, with the names of its cell's street and community. {@code nextStep} is the escalation
   * step due next, if any.
   */
  public record CaseRow(long id, String source, String category, String priority, long cellId, String cellCode,
                        String street, String community, Double lat, Double lon, String description,
                        String reporter, String department, String assignee, String groupKey, int alertCount,
                        Instant createdAt, Instant updatedAt, Instant closedAt, String policy, CaseState state,
                        Instant stageDeadline, EscalationStep nextStep) {}

  /** What a new case says. */
  public record NewCase(String source, String category, String priority, long cellId, Double lat, Double lon,
                        String description, String reporter, String department, String groupKey, String policy) {}

  /** One line of the audit trail. */
  public record Event(long id, Instant at, String actor, String action, String fromStatus, String toStatus,
                      String reason, JsonObject details) {
    public static Event of(Instant at, String actor, String action, String fromStatus, String toStatus,
                           String reason, JsonObject details) {
      return new Event(0, at, actor, action, fromStatus, toStatus, reason, details == null ? new JsonObject() : details);
    }
  }

  /**
   * What a change does to a case: its new state (with the deadline of its stage and the next escalation
   * step, worked out by the caller), department and assignee, the audit event, and the notifications to send.
   */
  public record Change(CaseState state, Instant stageDeadline, EscalationStep nextStep, String department,
                       String assignee, String policy, Event event, List<NotificationRepository.Outgoing> notifications) {}

  public record Photo(long id, long caseId, String contentType, int sizeBytes, String sha256, String uploadedBy,
                      Instant uploadedAt) {}

  public record Detail(CaseRow row, List<Event> events, List<Photo> photos) {}

  /**
   * Opens a case; completes with it. A case whose group key is already taken (a report sent again by a
   * handheld that never saw the answer) is not opened twice: the one there is comes back, unchanged.
   */
  public Future<CaseRow> create(NewCase created, CaseState state, Instant stageDeadline, EscalationStep nextStep,
                                Event event, List<NotificationRepository.Outgoing> notifications) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            INSERT INTO cases (source, category, priority, status, suspended_from, cell_id, lat, lon, description,
                               reporter, department, group_key, created_at, updated_at, policy)
            VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)
            ON CONFLICT (group_key) DO NOTHING RETURNING id""")
        .execute(Tuple.tuple().addValue(created.source()).addValue(created.category()).addValue(created.priority())
            .addValue(state.status().wireName()).addValue(created.cellId()).addValue(created.lat())
            .addValue(created.lon()).addValue(created.description()).addValue(created.reporter())
            .addValue(created.department()).addValue(created.groupKey()).addValue(utc(event.at()))
            .addValue(created.policy()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return connection.preparedQuery("SELECT id FROM cases WHERE group_key = $1")
                .execute(Tuple.of(created.groupKey()))
                .compose(existing -> select(connection, existing.iterator().next().getLong(0), false));
          }
          long id = rows.iterator().next().getLong(0);
          Change change = new Change(state, stageDeadline, nextStep, created.department(), null, created.policy(),
              event, notifications);
          return write(connection, id, change, null).compose(v -> select(connection, id, false));
        }));
  }

  /**
   * Changes a case under a lock on its row: {@code change} sees the case as it is now and says what to do,
   * or throws (a refused transition), which fails the future and changes nothing. Completes with the changed
   * case, or empty if there is no such case.
   */
  public Future<Optional<CaseRow>> change(long id, Function<CaseRow, Change> change) {
    return pool.withTransaction(connection -> select(connection, id, true).compose(current -> {
      if (current == null) {
        return Future.succeededFuture(Optional.<CaseRow>empty());
      }
      Change decided;
      try {
        decided = change.apply(current);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return write(connection, id, decided, null).compose(v -> select(connection, id, false)).map(Optional::of);
    }));
  }

  /**
   * Writes a change's state, event and notifications in the transaction of {@code connection}; {@code stepId}
   * is the escalation step the notifications tell of, if any.
   */
  static Future<Void> write(SqlConnection connection, long id, Change change, Long stepId) {
    CaseState state = change.state();
    StageClock clock = state.clock();
    EscalationState escalation = state.escalation();
    EscalationStep next = change.nextStep();
    Instant at = change.event().at();
    Tuple values = Tuple.tuple()
        .addValue(id)
        .addValue(state.status().wireName())
        .addValue(state.suspendedFrom() == null ? null : state.suspendedFrom().wireName())
        .addValue(change.department())
        .addValue(change.assignee())
        .addValue(utc(at))
        .addValue(state.status() == CaseStatus.CLOSED || state.status() == CaseStatus.REJECTED ? utc(at) : null)
        .addValue(clock == null ? null : clock.stage().wireName())
        .addValue(state.stageSeq())
        .addValue(clock == null ? null : clock.length().toMillis())
        .addValue(clock == null ? null : clock.working())
        .addValue(clock == null ? null : clock.used().toMillis())
        .addValue(clock == null ? null : utc(clock.runningSince()))
        .addValue(utc(change.stageDeadline()))
        .addValue(utc(state.handleDeadline()))
        .addValue(state.late())
        .addValue(change.policy())
        .addValue(escalation.level())
        .addValue(utc(escalation.levelReachedAt()))
        .addValue(utc(escalation.lastNotifiedAt()))
        .addValue(escalation.acknowledgedLevel())
        .addValue(next == null ? null : next.kind().wireName())
        .addValue(next == null ? null : next.level())
        .addValue(next == null ? null : utc(next.dueAt()));
    return connection.preparedQuery("""
            UPDATE cases SET status = $2, suspended_from = $3, department = $4, assignee = $5, updated_at = $6,
                   closed_at = COALESCE(closed_at, $7), stage = $8, stage_seq = $9, stage_length_ms = $10,
                   stage_working = $11, stage_used_ms = $12, stage_running_since = $13, stage_deadline = $14,
                   handle_deadline = $15, late = $16, policy = $17, level = $18, level_reached_at = $19,
                   last_notified_at = $20, acknowledged_level = $21, next_step_kind = $22,
                   next_step_level = $23, next_step_at = $24
            WHERE id = $1""")
        .execute(values)
        .compose(v -> addEvent(connection, id, change.event()))
        .compose(v -> NotificationRepository.queue(connection, id, stepId, change.notifications().stream()
            .map(o -> new NotificationRepository.Outgoing(o.channel(), o.payload().copy().put("case", id))).toList(), at));
  }

  static Future<Void> addEvent(SqlConnection connection, long caseId, Event event) {
    return connection.preparedQuery("""
            INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, reason, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
        .execute(Tuple.tuple().addValue(caseId).addValue(utc(event.at())).addValue(event.actor())
            .addValue(event.action()).addValue(event.fromStatus()).addValue(event.toStatus())
            .addValue(event.reason()).addValue(event.details()))
        .mapEmpty();
  }

  /** A case without its audit trail. */
  public Future<Optional<CaseRow>> row(long id) {
    return pool.withConnection(connection -> select(connection, id, false).map(Optional::ofNullable));
  }

  /** A case with its audit trail (oldest first) and photos. */
  public Future<Optional<Detail>> find(long id) {
    return pool.withConnection(connection -> select(connection, id, false).compose(row -> {
      if (row == null) {
        return Future.succeededFuture(Optional.<Detail>empty());
      }
      Future<List<Event>> events = connection.preparedQuery("""
              SELECT id, at, actor, action, from_status, to_status, reason, details FROM case_events
              WHERE case_id = $1 ORDER BY id""")
          .execute(Tuple.of(id))
          .map(rows -> {
            List<Event> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Event(r.getLong(0), r.getOffsetDateTime(1).toInstant(), r.getString(2),
                r.getString(3), r.getString(4), r.getString(5), r.getString(6), (JsonObject) r.getValue(7))));
            return list;
          });
      return events.compose(list -> photos(connection, id).map(photos -> Optional.of(new Detail(row, list, photos))));
    }));
  }

  /** What to list; areas are the caller's (null: the whole city). */
  public record Filter(String status, String category, String cellPrefix, String department, String source,
                       Instant from, Instant to, Long afterId, int limit, List<String> areas) {}

  /** Cases matching the filter, newest first; {@code afterId} continues a page (ids below it). */
  public Future<List<CaseRow>> list(Filter filter) {
    return pool.preparedQuery(SELECT + """
            WHERE ($1::text IS NULL OR k.status = $1) AND ($2::text IS NULL OR k.category LIKE $2 || '%')
              AND ($3::text IS NULL OR c.code LIKE $3 || '%') AND ($4::text IS NULL OR k.department = $4)
              AND ($5::text IS NULL OR k.source = $5) AND k.created_at >= $6 AND k.created_at < $7
              AND ($8::bigint IS NULL OR k.id < $8) AND """ + Areas.condition("c.code", 10) + """
            ORDER BY k.id DESC LIMIT $9""")
        .execute(Tuple.tuple().addValue(filter.status()).addValue(filter.category()).addValue(filter.cellPrefix())
            .addValue(filter.department()).addValue(filter.source()).addValue(utc(filter.from()))
            .addValue(utc(filter.to())).addValue(filter.afterId()).addValue(filter.limit())
            .addValue(Areas.parameter(filter.areas())))
        .map(rows -> {
          List<CaseRow> list = new ArrayList<>(rows.size());
          rows.forEach(row -> list.add(row(row)));
          return list;
        });
  }

  /** Cases still open (neither closed nor rejected) in the areas (null: the whole city), newest first. */
  public Future<List<CaseRow>> open(List<String> areas, int limit) {
    return pool.preparedQuery(SELECT + " WHERE k.status NOT IN ('closed', 'rejected') AND "
            + Areas.condition("c.code", 1) + " ORDER BY k.id DESC LIMIT $2")
        .execute(Tuple.tuple().addValue(Areas.parameter(areas)).addValue(limit))
        .map(rows -> {
          List<CaseRow> list = new ArrayList<>(rows.size());
          rows.forEach(r -> list.add(row(r)));
          return list;
        });
  }

  /**
   * Records a photo of a case (its bytes are already in a file named by their SHA-256) and the event. The same
   * picture sent again for the same case (a retry) is the photo there is, with no second event.
   */
  public Future<Photo> addPhoto(long caseId, String contentType, int sizeBytes, String sha256, String by,
                                Instant at) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            INSERT INTO case_photos (case_id, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, sha256) DO NOTHING RETURNING id""")
        .execute(Tuple.of(caseId, contentType, sizeBytes, sha256, by, utc(at)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return photos(connection, caseId).map(photos -> photos.stream()
                .filter(photo -> photo.sha256().equals(sha256)).findFirst().orElseThrow());
          }
          long id = rows.iterator().next().getLong(0);
          return addEvent(connection, caseId, Event.of(at, by, "photo", null, null, null,
                  new JsonObject().put("photo", id).put("contentType", contentType).put("bytes", sizeBytes)))
              .map(v -> new Photo(id, caseId, contentType, sizeBytes, sha256, by, at));
        }));
  }

  /** Adds an event that changes nothing else (a comment). */
  public Future<Void> comment(long caseId, Event event) {
    return pool.withTransaction(connection -> addEvent(connection, caseId, event));
  }

  public Future<Optional<Photo>> photo(long caseId, long photoId) {
    return pool.withConnection(connection -> photos(connection, caseId))
        .map(photos -> photos.stream().filter(p -> p.id() == photoId).findFirst());
  }

  private static Future<List<Photo>> photos(SqlConnection connection, long caseId) {
    return connection.preparedQuery("""
            SELECT id, case_id, content_type, size_bytes, sha256, uploaded_by, uploaded_at FROM case_photos
            WHERE case_id = $1 ORDER BY id""")
        .execute(Tuple.of(caseId))
        .map(rows -> {
          List<Photo> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Photo(r.getLong(0), r.getLong(1), r.getString(2), r.getInteger(3),
              r.getString(4), r.getString(5), r.getOffsetDateTime(6).toInstant())));
          return list;
        });
  }

  static Future<CaseRow> select(SqlConnection connection, long id, boolean lock) {
    return connection.preparedQuery(SELECT + " WHERE k.id = $1" + (lock ? " FOR UPDATE OF k" : ""))
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : row(rows.iterator().next()));
  }

  static final String SELECT = """
      SELECT k.id, k.source, k.category, k.priority, k.cell_id, c.code, k.lat, k.lon, k.description, k.reporter,
             k.department, k.assignee, k.group_key, k.alert_count, k.created_at, k.updated_at, k.closed_at,
             k.policy, k.status, k.suspended_from, k.stage_seq, k.stage, k.stage_length_ms, k.stage_working,
             k.stage_used_ms, k.stage_running_since, k.stage_deadline, k.handle_deadline, k.late, k.level,
             k.level_reached_at, k.last_notified_at, k.acknowledged_level, k.next_step_kind, k.next_step_level,
             k.next_step_at, c.street, c.community
      FROM cases k JOIN cells c ON c.id = k.cell_id
      """;

  static CaseRow row(Row r) {
    String stage = r.getString(21);
    StageClock clock = stage == null ? null : new StageClock(Stage.fromWireName(stage),
        Duration.ofMillis(r.getLong(22)), r.getBoolean(23), Duration.ofMillis(r.getLong(24)), instant(r, 25));
    String suspendedFrom = r.getString(19);
    CaseState state = new CaseState(CaseStatus.fromWireName(r.getString(18)),
        suspendedFrom == null ? null : CaseStatus.fromWireName(suspendedFrom), r.getInteger(20), clock,
        new EscalationState(r.getInteger(29), instant(r, 30), instant(r, 31), r.getInteger(32)),
        r.getBoolean(28), instant(r, 27));
    String nextKind = r.getString(33);
    EscalationStep next = nextKind == null ? null : new EscalationStep(
        EscalationStep.Kind.valueOf(nextKind.toUpperCase(java.util.Locale.ROOT)), r.getInteger(34), instant(r, 35));
    return new CaseRow(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
        r.getString(36), r.getString(37), r.getDouble(6), r.getDouble(7), r.getString(8), r.getString(9),
        r.getString(10), r.getString(11), r.getString(12), r.getInteger(13), instant(r, 14), instant(r, 15), instant(r, 16), r.getString(17), state,
        instant(r, 26), next);
  }

  private static Instant instant(Row row, int column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
