package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes fixes with group commit: every caller's rows wait in one queue, and each commit takes everything
 * queued (up to a row limit) in a single statement, so many concurrent devices share one commit. When no
 * commit is running, one starts at once, so light load adds no timer delay. While one runs, the queue fills,
 * which is what makes batches grow under load; a further commit runs beside it (up to
 * {@code maxCommitsInFlight}) only once {@code minRowsForParallelCommit} rows are waiting. PostgreSQL pays a
 * fixed cost per commit, so many small parallel commits of single fixes cost more than they gain, while big
 * batches from many devices are worth spreading over several connections and cores.
 *
 * <p>A caller's future completes only after PostgreSQL committed its rows: that is the acknowledgement.
 */
public final class PositionWriter {

  /** What became of each row of one {@link #write} call, in the caller's order. */
  public record WriteResult(boolean[] inserted) {}

  /** Told about every commit, for metrics. */
  public interface CommitObserver {
    void committed(int rows, int callers, long nanos);

    CommitObserver NONE = (rows, callers, nanos) -> {};
  }

  /** A caller's rows, and when its answer is due at the latest (System.nanoTime). */
  private record PendingWrite(List<PositionRow> rows, Promise<WriteResult> promise, long deadline) {}

  /** A commit running now; compared by identity, so tracking it costs nothing per row. */
  private static final class InFlight {
    final List<PendingWrite> batch;

    InFlight(List<PendingWrite> batch) {
      this.batch = batch;
    }
  }

  private record Key(long deviceId, long fixMicros, String clientRef) {}

  private static final String INSERT_SQL = """
      WITH input AS (
        SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::bigint[],
                             $5::double precision[], $6::double precision[], $7::real[], $8::real[],
                             $9::real[], $10::real[], $11::real[], $12::bigint[], $13::bigint[],
                             $14::text[], $15::text[])
          AS t(device_id, fix_time, client_ref, officer_id, lat, lon, accuracy, speed, heading, altitude,
               battery, cell_id, claimed_cell_id, note, attributes)
      ), inserted AS (
        INSERT INTO positions (device_id, fix_time, client_ref, officer_id, received_at, lat, lon, accuracy,
                               speed, heading, altitude, battery, cell_id, claimed_cell_id, note, attributes)
        SELECT device_id, fix_time, client_ref, officer_id, $16, lat, lon, accuracy, speed, heading, altitude,
               battery, cell_id, claimed_cell_id, note, attributes::jsonb
        FROM input
        -- Every commit takes its rows' locks in one order: two commits holding the same fixes (a device
        -- retrying to another node) then wait for each other instead of deadlocking.
        ORDER BY device_id, fix_time, client_ref
        ON CONFLICT DO NOTHING
        RETURNING device_id, fix_time, client_ref, officer_id, lat, lon, speed, heading, battery, cell_id
      ), newest AS (
        SELECT DISTINCT ON (device_id) * FROM inserted ORDER BY device_id, fix_time DESC
      ), state AS (
        INSERT INTO device_state AS s (device_id, officer_id, fix_time, lat, lon, speed, heading, battery,
                                       cell_id, last_received_at)
        SELECT device_id, officer_id, fix_time, lat, lon, speed, heading, battery, cell_id, $16 FROM newest
        ORDER BY device_id
        ON CONFLICT (device_id) DO UPDATE SET
          last_received_at = greatest(s.last_received_at, EXCLUDED.last_received_at),
          officer_id = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.officer_id ELSE s.officer_id END,
          lat        = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.lat ELSE s.lat END,
          lon        = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.lon ELSE s.lon END,
          speed      = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.speed ELSE s.speed END,
          heading    = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.heading ELSE s.heading END,
          battery    = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.battery ELSE s.battery END,
          cell_id    = CASE WHEN EXCLUDED.fix_time > s.fix_time THEN EXCLUDED.cell_id ELSE s.cell_id END,
          fix_time   = greatest(s.fix_time, EXCLUDED.fix_time)
      )
      SELECT device_id, fix_time, client_ref FROM inserted
      """;

  private final Pool pool;
  private final Clock clock;
  private final int maxRowsPerCommit;
  private final int maxCommitsInFlight;
  private final int minRowsForParallelCommit;
  private final int maxQueuedRows;
  private final Duration writeTimeout;
  private final CommitObserver observer;
  private final Queue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
  private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queuedRows = new AtomicInteger();
  private final AtomicInteger commitsInFlight = new AtomicInteger();

  /** @param clock stamps received_at, so that it follows the same time as the rest of the node */
  /**
   * @param maxQueuedRows most rows waiting for a commit; a write beyond them fails at once (the store cannot keep
   *                      up, or hangs): its caller answers 503 and the device sends again
   * @param writeTimeout  a write not committed within this fails (see {@link #failOverdue}), so callers answer 503
   *                      instead of hanging with the database; if it still commits later, the device's retry is a
   *                      duplicate
   */
  public PositionWriter(Pool pool, Clock clock, int maxRowsPerCommit, int maxCommitsInFlight,
                        int minRowsForParallelCommit, int maxQueuedRows, Duration writeTimeout,
                        CommitObserver observer) {
    this.pool = pool;
    this.clock = clock;
    this.maxRowsPerCommit = maxRowsPerCommit;
    this.maxCommitsInFlight = maxCommitsInFlight;
    this.minRowsForParallelCommit = minRowsForParallelCommit;
    this.maxQueuedRows = maxQueuedRows;
    this.writeTimeout = writeTimeout;
    this.observer = observer;
  }

  /** Queues rows for the next commit; the future completes once they are committed (or the commit failed). */
  public Future<WriteResult> write(List<PositionRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(new WriteResult(new boolean[0]));
    }
    if (queuedRows.get() + rows.size() > maxQueuedRows) {
      return Future.failedFuture(new RejectedExecutionException(queuedRows.get()
          + " rows wait for the database already; send again in a moment"));
    }
    Promise<WriteResult> promise = Promise.promise();
    queue.add(new PendingWrite(rows, promise, System.nanoTime() + writeTimeout.toNanos()));
    queuedRows.addAndGet(rows.size());
    startCommits();
    return promise.future();
  }

  /**
   * Fails the writes whose answer is overdue, queued or in a commit that hangs; run periodically by the writer's
   * owner. One sweep for all, rather than a timer per write on the check-in path. A write failed here may still
   * be committed when the database answers again.
   */
  public void failOverdue() {
    long now = System.nanoTime();
    for (PendingWrite pending : queue) {
      failIfOverdue(pending, now);
    }
    for (InFlight commit : inFlight) {
      commit.batch.forEach(pending -> failIfOverdue(pending, now));
    }
  }

  private void failIfOverdue(PendingWrite pending, long now) {
    if (now - pending.deadline() > 0) {
      pending.promise().tryFail(new TimeoutException("not committed within " + writeTimeout.toMillis() + " ms"));
    }
  }

  private void startCommits() {
    while (!queue.isEmpty()) {
      int running = commitsInFlight.get();
      if (running >= maxCommitsInFlight || (running > 0 && queuedRows.get() < minRowsForParallelCommit)) {
        return; // a running commit calls us again when it ends
      }
      if (!commitsInFlight.compareAndSet(running, running + 1)) {
        continue;
      }
      List<PendingWrite> batch = takeBatch();
      if (batch.isEmpty()) {
        commitsInFlight.decrementAndGet();
        continue;
      }
      InFlight started = new InFlight(batch);
      inFlight.add(started);
      commit(batch).onComplete(done -> {
        inFlight.remove(started);
        commitsInFlight.decrementAndGet();
        startCommits();
      });
    }
  }

  private List<PendingWrite> takeBatch() {
    List<PendingWrite> batch = new ArrayList<>();
    int rows = 0;
    PendingWrite next;
    while (rows < maxRowsPerCommit && (next = queue.poll()) != null) {
      batch.add(next);
      rows += next.rows().size();
    }
    queuedRows.addAndGet(-rows);
    return batch;
  }

  private Future<Void> commit(List<PendingWrite> batch) {
    long started = System.nanoTime();
    int rowCount = batch.stream().mapToInt(p -> p.rows().size()).sum();
    Tuple params = toParameters(batch, rowCount);
    return pool.preparedQuery(INSERT_SQL).execute(params)
        .<Void>map(rows -> {
          observer.committed(rowCount, batch.size(), System.nanoTime() - started);
          completeAll(batch, insertedKeys(rows));
          return null;
        })
        .recover(failure -> {
          if (batch.size() > 1 && isBadData(failure)) {
            // One caller's rows broke the shared statement; commit each caller alone so only that one fails.
            return Future.join(batch.stream().map(pending -> commit(List.of(pending))).toList()).mapEmpty();
          }
          batch.forEach(pending -> pending.promise().tryFail(failure));
          return Future.succeededFuture();
        });
  }

  /** SQLSTATE classes 22 (data exception) and 23 (constraint violation): the rows, not the database. */
  private static boolean isBadData(Throwable failure) {
    return failure instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  private static Set<Key> insertedKeys(RowSet<Row> rows) {
    Set<Key> keys = new HashSet<>(rows.size() * 2);
    for (Row row : rows) {
      keys.add(new Key(row.getLong(0), micros(row.getOffsetDateTime(1).toInstant()), row.getString(2)));
    }
    return keys;
  }

  /** The same key twice in one commit (a retry racing its original) counts as inserted only the first time. */
  private static void completeAll(List<PendingWrite> batch, Set<Key> insertedKeys) {
    for (PendingWrite pending : batch) {
      boolean[] inserted = new boolean[pending.rows().size()];
      for (int i = 0; i < inserted.length; i++) {
        PositionRow row = pending.rows().get(i);
        inserted[i] = insertedKeys.remove(new Key(row.deviceId(), micros(row.fixTime()), row.clientRef()));
      }
      pending.promise().tryComplete(new WriteResult(inserted));
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private Tuple toParameters(List<PendingWrite> batch, int rowCount) {
    Long[] deviceIds = new Long[rowCount];
    OffsetDateTime[] fixTimes = new OffsetDateTime[rowCount];
    String[] clientRefs = new String[rowCount];
    Long[] officerIds = new Long[rowCount];
    Double[] lats = new Double[rowCount];
    Double[] lons = new Double[rowCount];
    Float[] accuracies = new Float[rowCount];
    Float[] speeds = new Float[rowCount];
    Float[] headings = new Float[rowCount];
    Float[] altitudes = new Float[rowCount];
    Float[] batteries = new Float[rowCount];
    Long[] cellIds = new Long[rowCount];
    Long[] claimedCellIds = new Long[rowCount];
    String[] notes = new String[rowCount];
    String[] attributes = new String[rowCount];
    int i = 0;
    for (PendingWrite pending : batch) {
      for (PositionRow row : pending.rows()) {
        deviceIds[i] = row.deviceId();
        fixTimes[i] = SqlTime.utc(row.fixTime().truncatedTo(ChronoUnit.MICROS));
        clientRefs[i] = row.clientRef();
        officerIds[i] = row.officerId();
        lats[i] = row.lat();
        lons[i] = row.lon();
        accuracies[i] = row.accuracy();
        speeds[i] = row.speed();
        headings[i] = row.heading();
        altitudes[i] = row.altitude();
        batteries[i] = row.battery();
        cellIds[i] = row.cellId();
        claimedCellIds[i] = row.claimedCellId();
        notes[i] = row.note();
        attributes[i] = row.attributesJson();
        i++;
      }
    }
    return Tuple.from(new Object[] {deviceIds, fixTimes, clientRefs, officerIds, lats, lons, accuracies, speeds,
        headings, altitudes, batteries, cellIds, claimedCellIds, notes, attributes,
        SqlTime.utc(clock.instant())});
  }
}
