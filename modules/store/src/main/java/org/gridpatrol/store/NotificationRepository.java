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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The notification outbox. A notification is queued in the transaction of the change it tells of, so it
 * exists exactly when the change does; a deliverer then takes due ones (locked, so two nodes do not send the
 * same one at once), and marks each sent, due again later, or dead after its last try.
 */
public final class NotificationRepository {
  private final Pool pool;

  public NotificationRepository(Pool pool) {
    this.pool = pool;
  }

  /** A notification to queue: the channel ({@code bus}, or {@code webhook:<name>}) and what it says. */
  public record Outgoing(String channel, JsonObject payload) {}

  public record Notification(long id, Long caseId, Long stepId, String channel, JsonObject payload, String status,
                             int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                             Instant sentAt) {}

  static Future<Void> queue(SqlConnection connection, Long caseId, Long stepId, List<Outgoing> outgoing, Instant at) {
    if (outgoing.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = outgoing.size();
    String[] channels = new String[n];
    JsonObject[] payloads = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      channels[i] = outgoing.get(i).channel();
      payloads[i] = outgoing.get(i).payload();
    }
    return connection.preparedQuery("""
            INSERT INTO notifications (case_id, step_id, channel, payload, status, next_attempt_at, created_at)
            SELECT $1, $2, t.channel, t.payload, 'pending', $5, $5
            FROM unnest($3::text[], $4::jsonb[]) AS t(channel, payload)""")
        .execute(Tuple.tuple().addValue(caseId).addValue(stepId).addValue(channels).addValue(payloads)
            .addValue(utc(at)))
        .mapEmpty();
  }

  /**
   * Takes up to {@code limit} due notifications of the given channels for delivery: each is leased to the
   * caller (due again only after {@code lease}), so another node does not send it meanwhile, and a node that
   * dies while sending leaves it to be sent again when the lease runs out.
   */
  public Future<List<Notification>> lease(List<String> channels, Instant now, Duration lease, int limit) {
    return pool.preparedQuery("""
            UPDATE notifications SET next_attempt_at = $4
            WHERE id IN (SELECT id FROM notifications
                         WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = ANY($2)
                         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, case_id, step_id, channel, payload, status, attempts, next_attempt_at, last_error,
                      created_at, sent_at""")
        .execute(Tuple.tuple().addValue(utc(now)).addValue(channels.toArray(new String[0])).addValue(limit)
            .addValue(utc(now.plus(lease))))
        .map(rows -> {
          List<Notification> due = new ArrayList<>();
          rows.forEach(row -> due.add(notification(row)));
          due.sort(Comparator.comparingLong(Notification::id));
          return due;
        });
  }

  /**
   * What became of one delivery attempt: sent; failed and due again at {@code retryAt}; or failed for the
   * last time (dead, when {@code retryAt} is null).
   */
  public record Outcome(long id, boolean sent, String error, Instant retryAt, Instant at) {}

  /** Writes what became of delivery attempts. */
  public Future<Void> record(List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = outcomes.size();
    Long[] ids = new Long[n];
    String[] statuses = new String[n];
    String[] errors = new String[n];
    OffsetDateTime[] next = new OffsetDateTime[n];
    OffsetDateTime[] sentAt = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Outcome outcome = outcomes.get(i);
      ids[i] = outcome.id();
      statuses[i] = outcome.sent() ? "sent" : outcome.retryAt() == null ? "dead" : "pending";
      errors[i] = outcome.error();
      next[i] = utc(outcome.retryAt() == null ? outcome.at() : outcome.retryAt());
      sentAt[i] = outcome.sent() ? utc(outcome.at()) : null;
    }
    return pool.preparedQuery("""
            UPDATE notifications n SET status = t.status, attempts = n.attempts + 1,
                   last_error = COALESCE(t.error, n.last_error), next_attempt_at = t.next, sent_at = t.sent_at
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
                 AS t(id, status, error, next, sent_at)
            WHERE n.id = t.id""")
        .execute(Tuple.tuple().addValue(ids).addValue(statuses).addValue(errors).addValue(next).addValue(sentAt))
        .mapEmpty();
  }

  /**
   * Notifications by status (all if null), newest first, about cases in the areas (matched on the case's cell;
   * null: the whole city); {@code afterId} continues a page.
   */
  public Future<List<Notification>> list(String status, Long caseId, Long afterId, int limit, List<String> areas) {
    return pool.preparedQuery(SELECT + """
            WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR case_id = $2)
              AND ($3::bigint IS NULL OR id < $3) AND """ + Areas.condition("payload->>'cell'", 5) + """
            ORDER BY id DESC LIMIT $4""")
        .execute(Tuple.tuple().addValue(status).addValue(caseId).addValue(afterId).addValue(limit)
            .addValue(Areas.parameter(areas)))
        .map(rows -> {
          List<Notification> list = new ArrayList<>();
          rows.forEach(row -> list.add(notification(row)));
          return list;
        });
  }

  /** Sends a dead notification again: pending, due now, attempts counted afresh. Empty if not dead. */
  public Future<Optional<Notification>> replay(long id, Instant now) {
    return pool.preparedQuery("""
            UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = $2
            WHERE id = $1 AND status = 'dead'
            RETURNING id, case_id, step_id, channel, payload, status, attempts, next_attempt_at, last_error,
                      created_at, sent_at""")
        .execute(Tuple.of(id, utc(now)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(notification(rows.iterator().next())));
  }

  private static final String SELECT = """
      SELECT id, case_id, step_id, channel, payload, status, attempts, next_attempt_at, last_error, created_at,
             sent_at FROM notifications
      """;

  private static Notification notification(Row r) {
    return new Notification(r.getLong(0), r.getLong(1), r.getLong(2), r.getString(3), (JsonObject) r.getValue(4),
        r.getString(5), r.getInteger(6), r.getOffsetDateTime(7).toInstant(), r.getString(8),
        r.getOffsetDateTime(9).toInstant(), r.getOffsetDateTime(10) == null ? null
            : r.getOffsetDateTime(10).toInstant());
  }
}
