package org.gridpatrol.simulator;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fill-history}: past days of positions, for measuring how queries hold up as history grows. */
@Command(name = "fill-history", mixinStandardHelpOptions = true,
    description = {"Writes DAYS past days of positions (ending yesterday, UTC) with COPY, spread over every device "
        + "of the database and every hour of each day, creating the daily partitions they need. For benchmarks "
        + "of query times against history size; the rows stay (start from a throw-away database)."})
final class FillHistoryCommand implements Callable<Integer> {
  private static final long DAY_MICROS = 86_400_000_000L;

  @Mixin
  DatabaseOptions database;

  @Option(names = "--days", defaultValue = "365", description = "Past days to fill (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--skip-days", defaultValue = "0",
      description = "Leave this many most recent days out (default: ${DEFAULT-VALUE}; 1 starts the day before yesterday).")
  int skipDays;

  @Option(names = "--fixes-per-day", defaultValue = "50000",
      description = "Positions per day over all devices (default: ${DEFAULT-VALUE}).")
  int fixesPerDay;

  @Option(names = "--json", description = "Print only one JSON line with the figures.")
  boolean json;

  private record Device(long id, long officerId) {}

  @Override
  public Integer call() throws Exception {
    if (days < 1 || fixesPerDay < 1 || skipDays < 0) {
      throw new IllegalArgumentException("--days and --fixes-per-day must be at least 1, --skip-days at least 0");
    }
    LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1L + skipDays);
    LocalDate first = last.minusDays(days - 1L);
    try (Connection db = database.connect()) {
      List<Device> devices = devices(db);
      List<Long> cells = cellIds(db);
      try (PreparedStatement partitions = db.prepareStatement("SELECT ensure_position_partitions(?, ?)")) {
        partitions.setObject(1, first);
        partitions.setObject(2, last);
        partitions.execute();
      }
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      String sql = CopyRows.copyStatement(CopyRows.Format.BINARY);
      Random random = new Random(3);
      long started = System.nanoTime();
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        long dayStart = ChronoUnit.MICROS.between(Instant.EPOCH, day.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<CopyRows.Row> rows = new ArrayList<>(fixesPerDay);
        long step = DAY_MICROS / fixesPerDay;
        for (int i = 0; i < fixesPerDay; i++) {
          Device device = devices.get(i % devices.size());
          long fix = dayStart + i * step;
          rows.add(new CopyRows.Row(device.id(), fix, "h" + i, device.officerId(), fix + 1_000_000,
              39.905 + 0.036 * random.nextDouble(), 116.395 + 0.047 * random.nextDouble(),
              3 + 12 * random.nextFloat(), 1.2f, 360 * random.nextFloat(), 80,
              cells.get(random.nextInt(cells.size()))));
        }
        copy.copyIn(sql, new ByteArrayInputStream(CopyRows.encode(rows, CopyRows.Format.BINARY)));
        if (!json && day.getDayOfMonth() == 1) {
          System.err.printf("  filled up to %s%n", day);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long total = (long) days * fixesPerDay;
      // A database that has lived with this history has statistics about it; give the planner the same.
      long positionsBytes;
      try (Statement statement = db.createStatement()) {
        statement.execute("ANALYZE positions");
        try (ResultSet rs = statement.executeQuery("SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits "
            + "WHERE inhparent = 'positions'::regclass")) {
          rs.next();
          positionsBytes = rs.getLong(1);
        }
      }
      if (json) {
        System.out.println(new JsonObject().put("days", days).put("first", first.toString()).put("last", last.toString())
            .put("rows", total).put("seconds", Math.round(seconds * 10) / 10.0)
            .put("positionsBytes", positionsBytes).encode());
      } else {
        System.out.printf("Filled %d days (%s to %s), %,d positions, in %.1f s; positions now take %.1f GB%n", days,
            first, last, total, seconds, positionsBytes / 1e9);
      }
      return 0;
    }
  }

  private static List<Device> devices(Connection db) throws SQLException {
    List<Device> devices = new ArrayList<>();
    try (Statement statement = db.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT id, coalesce(officer_id, 0) FROM devices WHERE disabled_at IS NULL ORDER BY id")) {
      while (rs.next()) {
        devices.add(new Device(rs.getLong(1), rs.getLong(2)));
      }
    }
    if (devices.isEmpty()) {
      throw new IllegalStateException("the database has no devices; start a node on it once to load the demo city");
    }
    return devices;
  }

  private static List<Long> cellIds(Connection db) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("SELECT id FROM cells")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
