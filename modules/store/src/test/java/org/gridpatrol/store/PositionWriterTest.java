package org.gridpatrol.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group-commit writer against a real, durable PostgreSQL. */
class PositionWriterTest {
  @TempDir
  static Path dataDir;
  static TestDatabase database;
  static Pool pool;
  static long deviceId;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = new TestDatabase(dataDir);
    pool = database.pool();
    await(new PartitionMaintenance(pool, Clock.systemUTC(), 7, 0).run());
    deviceId = await(pool.query("INSERT INTO devices (unique_id) VALUES ('t1') RETURNING id").execute())
        .iterator().next().getLong(0);
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  static <T> T await(Future<T> future) throws Exception {
    return TestDatabase.await(future);
  }

  static PositionRow row(Instant time, String ref, double lat) {
    return new PositionRow(deviceId, null, time, ref, lat, 116.4, 5f, 1f, 90f, null, 80f, null, null, null, null);
  }

  @Test
  void theDatabaseRunsDurable() throws Exception {
    for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
      Row row = await(pool.query("SHOW " + setting).execute()).iterator().next();
      assertEquals("on", row.getString(0), setting);
    }
  }

  @Test
  void concurrentCallersShareCommitsAndEachLearnsItsOwnOutcome() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger committedRows = new AtomicInteger();
    PositionWriter writer = new PositionWriter(pool, Clock.systemUTC(), 10_000, 2, 100, 1_000_000, Duration.ofSeconds(30),
        (rows, callers, nanos) -> { commits.incrementAndGet(); committedRows.addAndGet(rows); });
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    List<Future<PositionWriter.WriteResult>> calls = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      calls.add(writer.write(List.of(row(base.plusMillis(i), "c" + i, 39.9), row(base.plusMillis(i), "d" + i, 39.9))));
    }
    for (Future<PositionWriter.WriteResult> call : calls) {
      assertArrayEquals(new boolean[] {true, true}, await(call).inserted());
    }
    assertEquals(600, committedRows.get());
    assertTrue(commits.get() < 300, "300 concurrent callers should share commits, took " + commits.get());
    long stored = await(pool.query("SELECT count(*) FROM positions WHERE client_ref ~ '^[cd][0-9]+$'").execute())
        .iterator().next().getLong(0);
    assertEquals(600, stored);
  }

  @Test
  void retriesAreDuplicatesNotRows() throws Exception {
    PositionWriter writer = new PositionWriter(pool, Clock.systemUTC(), 1000, 1, 0, 1_000_000, Duration.ofSeconds(30),
        PositionWriter.CommitObserver.NONE);
    Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(7200).plusNanos(123_456);
    assertArrayEquals(new boolean[] {true}, await(writer.write(List.of(row(time, "r1", 39.9)))).inserted());
    // The same item again, and twice within one call: stored once.
    assertArrayEquals(new boolean[] {false, true, false},
        await(writer.write(List.of(row(time, "r1", 39.9), row(time, "r2", 39.9), row(time, "r2", 39.9)))).inserted());
    long stored = await(pool.query("SELECT count(*) FROM positions WHERE client_ref IN ('r1', 'r2')").execute())
        .iterator().next().getLong(0);
    assertEquals(2, stored);
  }

  @Test
  void aRowTheDatabaseRefusesFailsOnlyItsOwnCaller() throws Exception {
    PositionWriter writer = new PositionWriter(pool, Clock.systemUTC(), 1000, 1, 0, 1_000_000, Duration.ofSeconds(30),
        PositionWriter.CommitObserver.NONE);
    Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5000);
    // A device id that does not exist breaks device_state's foreign key: the whole shared statement fails.
    PositionRow orphan = new PositionRow(-1, null, time, "orphan", 39.9, 116.4, null, null, null, null, null, null,
        null, null, null);
    List<Future<PositionWriter.WriteResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(writer.write(List.of(i == 7 ? orphan : row(time.plusMillis(i), "shared" + i, 39.9))));
    }
    for (int i = 0; i < calls.size(); i++) {
      Future<PositionWriter.WriteResult> call = calls.get(i);
      call.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(60, TimeUnit.SECONDS);
      if (i == 7) {
        assertTrue(call.failed(), "the caller with the bad row fails");
      } else {
        assertArrayEquals(new boolean[] {true}, call.result().inserted(), "caller " + i + " is committed");
      }
    }
  }

  @Test
  void aLateFixNeverMovesTheDeviceBackwards() throws Exception {
    long device = await(pool.query("INSERT INTO devices (unique_id) VALUES ('late') RETURNING id").execute())
        .iterator().next().getLong(0);
    PositionWriter writer = new PositionWriter(pool, Clock.systemUTC(), 1000, 1, 0, 1_000_000, Duration.ofSeconds(30),
        PositionWriter.CommitObserver.NONE);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    PositionRow newest = new PositionRow(device, null, now, "n", 39.95, 116.45, null, null, null, null, null, null,
        null, null, null);
    PositionRow late = new PositionRow(device, null, now.minusSeconds(600), "l", 39.90, 116.40, null, null, null,
        null, null, null, null, null, null);
    await(writer.write(List.of(newest)));
    Instant receivedBefore = await(pool.query("SELECT last_received_at FROM device_state WHERE device_id = " + device)
        .execute()).iterator().next().getOffsetDateTime(0).toInstant();
    await(writer.write(List.of(late)));
    Row state = await(pool.query("SELECT fix_time, lat, last_received_at FROM device_state WHERE device_id = " + device)
        .execute()).iterator().next();
    assertEquals(now, state.getOffsetDateTime(0).toInstant());
    assertEquals(39.95, state.getDouble(1));
    assertTrue(!state.getOffsetDateTime(2).toInstant().isBefore(receivedBefore), "the late upload still counts as seen");
  }

  @Test
  void twoNodesCommittingTheSameFixesInOtherOrdersNeverDeadlock() throws Exception {
    // Devices retrying send the same fixes again: two nodes' commits then hold the same rows, in any order.
    List<Long> devices = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      devices.add(await(pool.query("INSERT INTO devices (unique_id) VALUES ('retry-" + d + "') RETURNING id")
          .execute()).iterator().next().getLong(0));
    }
    Pool other = database.pool();
    PositionWriter nodeA = new PositionWriter(pool, Clock.systemUTC(), 10_000, 1, 0, 1_000_000, Duration.ofSeconds(30),
        PositionWriter.CommitObserver.NONE);
    PositionWriter nodeB = new PositionWriter(other, Clock.systemUTC(), 10_000, 1, 0, 1_000_000, Duration.ofSeconds(30),
        PositionWriter.CommitObserver.NONE);
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1800);
    for (int round = 0; round < 30; round++) {
      List<PositionRow> rows = new ArrayList<>();
      for (long device : devices) {
        rows.add(new PositionRow(device, null, base.plusSeconds(round), "", 39.9, 116.4, null, null, null, null, null,
            null, null, null, null));
      }
      List<PositionRow> reversed = new ArrayList<>(rows);
      java.util.Collections.reverse(reversed);
      Future<PositionWriter.WriteResult> a = nodeA.write(rows);
      Future<PositionWriter.WriteResult> b = nodeB.write(reversed);
      int thisRound = round;
      await(Future.all(a, b).recover(failure -> Future.failedFuture(new AssertionError("round " + thisRound + ": "
          + failure.getMessage(), failure))));
      int stored = 0;
      for (boolean inserted : a.result().inserted()) {
        stored += inserted ? 1 : 0;
      }
      for (boolean inserted : b.result().inserted()) {
        stored += inserted ? 1 : 0;
      }
      assertEquals(devices.size(), stored, "each fix stored once, by one of the two");
    }
    await(other.close());
  }

  @Test
  void aWriteNotCommittedInTimeIsFailedByTheSweepAndMayStillLand() throws Exception {
    PositionWriter writer = new PositionWriter(pool, Clock.systemUTC(), 1000, 1, 0, 1_000_000, Duration.ZERO,
        PositionWriter.CommitObserver.NONE);
    Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(4000);
    Future<PositionWriter.WriteResult> late = writer.write(List.of(row(time, "late", 39.9)));
    writer.failOverdue();
    Throwable failure = late.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(60, TimeUnit.SECONDS);
    assertTrue(failure != null && failure.getCause() instanceof java.util.concurrent.TimeoutException
        || failure instanceof java.util.concurrent.TimeoutException, "answered as not committed: " + failure);
    // The commit itself goes on: the device's resend is then a duplicate, never lost.
    long stored = 0;
    for (int attempt = 0; attempt < 100 && stored == 0; attempt++) {
      stored = await(pool.query("SELECT count(*) FROM positions WHERE client_ref = 'late'").execute())
          .iterator().next().getLong(0);
    }
    assertEquals(1, stored);
  }
}
