package org.gridpatrol.simulator;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code copy-ceiling}: how fast this PostgreSQL takes position rows at all, through its fastest path (COPY),
 * with the node's durability. Ingest throughput is judged against this ceiling of the same machine.
 */
@Command(name = "copy-ceiling", mixinStandardHelpOptions = true,
    description = {
        "The ingest ceiling of this machine: PostgreSQL COPY of position rows, in rows per second.",
        "Measures PostgreSQL COPY ... FROM STDIN of --rows position rows shaped like the node's check-ins into the "
            + "positions table (one existing device, fix times spread over the last 24 h), in chunks of "
            + "--chunk-rows rows, each COPY its own transaction with synchronous_commit on, and prints rows/s.",
        "Only the COPY calls are timed; rows are encoded before each one. The inserted rows are deleted "
            + "afterwards (also on Ctrl+C), so the table is left as it was."})
final class CopyCeilingCommand implements Callable<Integer> {
  private static final long DAY_MICROS = 86_400_000_000L;
  /** Where the copied fixes lie: a few kilometres of central Beijing; COPY's speed does not depend on it. */
  private static final Envelope FIX_AREA = new Envelope(116.395, 116.442, 39.905, 39.941);

  @Mixin
  DatabaseOptions database;

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows to copy (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--chunk-rows", defaultValue = "50000",
      description = "Rows per COPY statement and transaction (default: ${DEFAULT-VALUE}).")
  int chunkRows;

  @Option(names = "--format", defaultValue = "binary", paramLabel = "binary|text",
      description = "COPY format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--json", description = "Print only one JSON line with the figures.")
  boolean json;

  private final AtomicBoolean cleanupStarted = new AtomicBoolean();
  private final CountDownLatch cleanupDone = new CountDownLatch(1);

  /** This run's rows: one device, fix times in [oldest, newest] microseconds, client refs starting with prefix. */
  private record Batch(long deviceId, long officerId, long oldestMicros, long newestMicros, String prefix) {}

  @Override
  public Integer call() throws Exception {
    CopyRows.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
      case "binary" -> CopyRows.Format.BINARY;
      case "text" -> CopyRows.Format.TEXT;
      default -> throw new IllegalArgumentException("--format must be binary or text, not " + format);
    };
    if (rows < 1 || chunkRows < 1) {
      throw new IllegalArgumentException("--rows and --chunk-rows must be at least 1");
    }
    try (Connection db = database.connect()) {
      JsonObject server = serverSettings(db);
      try (Statement statement = db.createStatement()) {
        statement.execute("SET synchronous_commit = on");
      }
      // Spread over the last 24 h, whose partitions the node keeps; a minute's margin for clock skew.
      long newest = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - 60_000_000L;
      long[] device = firstDevice(db);
      Batch batch = new Batch(device[0], device[1], newest - DAY_MICROS, newest,
          "copy-" + Long.toString(System.currentTimeMillis(), 36) + "-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanup(batch)));
      if (!json) {
        System.out.printf("COPY (%s) of %,d rows in chunks of %,d into positions of %s...%n",
            chosen.name().toLowerCase(Locale.ROOT), rows, chunkRows, database.url);
      }
      long copyNanos;
      long cleanupNanos;
      try {
        copyNanos = copyAll(db, batch, cellIds(db), chosen);
      } finally {
        long started = System.nanoTime();
        cleanup(batch);
        cleanupNanos = System.nanoTime() - started;
      }
      print(chosen, server, copyNanos / 1e9, cleanupNanos / 1e9);
      return 0;
    }
  }

  /** Copies all rows chunk by chunk; returns the nanoseconds spent in COPY calls. */
  private long copyAll(Connection db, Batch batch, List<Long> cells, CopyRows.Format chosen)
      throws SQLException, IOException {
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    String sql = CopyRows.copyStatement(chosen);
    Walker walker = new Walker(FIX_AREA, new Random(1));
    Random random = new Random(2);
    long stepMicros = DAY_MICROS / rows;
    long copyNanos = 0;
    for (int first = 0; first < rows; first += chunkRows) {
      int count = Math.min(chunkRows, rows - first);
      long receivedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      List<CopyRows.Row> chunk = new ArrayList<>(count);
      for (int i = first; i < first + count; i++) {
        walker.walk(1);
        Long cell = cells.isEmpty() ? null : cells.get(i % cells.size());
        chunk.add(new CopyRows.Row(batch.deviceId(), batch.oldestMicros() + i * stepMicros, batch.prefix() + i,
            batch.officerId(), receivedMicros, walker.lat(), walker.lon(), 3 + 12 * random.nextFloat(),
            (float) walker.speed(), (float) walker.heading(), 80, cell));
      }
      byte[] encoded = CopyRows.encode(chunk, chosen);
      long started = System.nanoTime();
      copy.copyIn(sql, new ByteArrayInputStream(encoded));
      copyNanos += System.nanoTime() - started;
    }
    return copyNanos;
  }

  private void print(CopyRows.Format chosen, JsonObject server, double seconds, double cleanupSeconds) {
    String formatName = chosen.name().toLowerCase(Locale.ROOT);
    if (json) {
      System.out.println(new JsonObject()
          .put("format", formatName)
          .put("rows", rows)
          .put("chunkRows", chunkRows)
          .put("seconds", Math.round(seconds * 1000) / 1000.0)
          .put("rowsPerSecond", Math.round(rows / seconds))
          .put("cleanupSeconds", Math.round(cleanupSeconds * 1000) / 1000.0)
          .mergeIn(server)
          .encode());
      return;
    }
    System.out.printf(Locale.ROOT, """
        rows                %,d in %,d COPY statements (%s), each its own transaction
        time                %.2f s (COPY calls only)
        COPY ceiling        %,.0f rows/s
        server              PostgreSQL %s; fsync %s, synchronous_commit %s, full_page_writes %s
        cleanup             deleted the rows again in %.1f s
        """, rows, (rows + chunkRows - 1) / chunkRows, formatName, seconds, rows / seconds,
        server.getString("postgresVersion"), server.getString("fsync"), server.getString("synchronousCommit"),
        server.getString("fullPageWrites"), cleanupSeconds);
  }

  /** The server's version and durability settings, as a session of the node gets them. */
  private static JsonObject serverSettings(Connection db) throws SQLException {
    JsonObject settings = new JsonObject();
    String[][] names = {{"postgresVersion", "server_version"}, {"fsync", "fsync"},
        {"synchronousCommit", "synchronous_commit"}, {"fullPageWrites", "full_page_writes"}};
    try (Statement statement = db.createStatement()) {
      for (String[] name : names) {
        try (ResultSet rs = statement.executeQuery("SHOW " + name[1])) {
          rs.next();
          settings.put(name[0], rs.getString(1));
        }
      }
    }
    return settings;
  }

  /** {id, officer_id} of a device, so rows point at a real device as the node's do. */
  private static long[] firstDevice(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, coalesce(officer_id, 0) FROM devices ORDER BY id LIMIT 1")) {
      if (!rs.next()) {
        throw new IllegalStateException("the database has no devices; start a node on it once to load the demo city");
      }
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** Cell ids to spread the rows over, so the cell index grows as it does under real check-ins. */
  private static List<Long> cellIds(Connection db) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement statement = db.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id FROM cells ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * Deletes this run's rows, once: called at the end and by the shutdown hook on Ctrl+C, whichever comes first;
   * the other waits for it. Uses its own connection, since the main one may be in the middle of a COPY.
   */
  private void cleanup(Batch batch) {
    if (!cleanupStarted.compareAndSet(false, true)) {
      try {
        cleanupDone.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try (Connection db = database.connect();
         PreparedStatement delete = db.prepareStatement(
             "DELETE FROM positions WHERE device_id = ? AND fix_time BETWEEN ? AND ? AND client_ref LIKE ?")) {
      delete.setLong(1, batch.deviceId());
      delete.setObject(2, timestamp(batch.oldestMicros()));
      delete.setObject(3, timestamp(batch.newestMicros()));
      delete.setString(4, batch.prefix() + "%");
      delete.executeUpdate();
    } catch (SQLException e) {
      System.err.println("Could not delete the copied rows (client_ref LIKE '" + batch.prefix() + "%'): "
          + e.getMessage());
    } finally {
      cleanupDone.countDown();
    }
  }

  private static OffsetDateTime timestamp(long epochMicros) {
    return OffsetDateTime.ofInstant(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
