package org.gridpatrol.simulator;

import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fill-cases}: open cases whose next escalation step falls due when the benchmark wants it. */
@Command(name = "fill-cases", mixinStandardHelpOptions = true,
    description = {"Writes open cases straight into the database, each dispatched in category E0501 (road "
        + "collapse: 2 calendar hours to handle, the shipped 'urgent' policy, whose first level is due at half "
        + "the limit), with its clock started so that its first escalation step falls due at a chosen time: "
        + "CASES of them spread evenly over SPREAD seconds from FIRST, and BURST more all due at the same second. "
        + "The node then escalates them through its own code. For the escalation benchmark; start from a "
        + "throw-away database."})
final class FillCasesCommand implements Callable<Integer> {
  private static final long LIMIT_MILLIS = 2 * 3_600_000L;
  private static final int BATCH = 10_000;

  @Mixin
  DatabaseOptions database;

  @Option(names = "--cases", defaultValue = "100000", description = "Cases with staggered due times (default: ${DEFAULT-VALUE}).")
  int cases;

  @Option(names = "--first", required = true, description = "Epoch seconds when the first staggered step is due.")
  long first;

  @Option(names = "--spread", defaultValue = "600", description = "Seconds over which the staggered steps fall due (default: ${DEFAULT-VALUE}).")
  int spread;

  @Option(names = "--burst", defaultValue = "10000", description = "Cases whose steps are all due in one second (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--burst-at", description = "Epoch seconds when the burst is due (default: the middle of the spread).")
  Long burstAt;

  @Option(names = "--json", description = "Print only one JSON line with the figures.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (cases < 0 || burst < 0 || spread < 1) {
      throw new IllegalArgumentException("--cases and --burst must not be negative, --spread at least 1");
    }
    long burstSecond = burstAt != null ? burstAt : first + spread / 2;
    List<Long> dueMillis = new ArrayList<>(cases + burst);
    for (int i = 0; i < cases; i++) {
      dueMillis.add(first * 1000 + (long) spread * 1000 * i / Math.max(1, cases));
    }
    for (int i = 0; i < burst; i++) {
      dueMillis.add(burstSecond * 1000);
    }
    long started = System.nanoTime();
    try (Connection db = database.connect()) {
      List<Long> cells = new ArrayList<>();
      try (Statement statement = db.createStatement();
           ResultSet rows = statement.executeQuery("SELECT id FROM cells ORDER BY id")) {
        while (rows.next()) {
          cells.add(rows.getLong(1));
        }
      }
      if (cells.isEmpty()) {
        throw new IllegalArgumentException("the database has no cells; start a node with the demo city first");
      }
      Random random = new Random(4);
      Timestamp now = Timestamp.from(Instant.now());
      try (PreparedStatement insert = db.prepareStatement("""
          INSERT INTO cases (source, category, priority, status, cell_id, description, reporter, department,
                             created_at, updated_at, stage, stage_seq, stage_length_ms, stage_working, stage_used_ms,
                             stage_running_since, stage_deadline, handle_deadline, policy, next_step_kind,
                             next_step_level, next_step_at)
          SELECT 'api', 'E0501', 'urgent', 'dispatched', t.cell_id, '基准测试 / benchmark', 'bench', 'JTW', ?, ?,
                 'handle', 1, ?, false, 0, t.due - interval '1 hour', t.due + interval '1 hour',
                 t.due + interval '1 hour', 'urgent', 'escalate', 0, t.due
          FROM unnest(?::bigint[], ?::timestamptz[]) AS t(cell_id, due)""")) {
        for (int from = 0; from < dueMillis.size(); from += BATCH) {
          int to = Math.min(dueMillis.size(), from + BATCH);
          Long[] cellIds = new Long[to - from];
          Timestamp[] dues = new Timestamp[to - from];
          for (int i = from; i < to; i++) {
            cellIds[i - from] = cells.get(random.nextInt(cells.size()));
            dues[i - from] = new Timestamp(dueMillis.get(i));
          }
          Array cellArray = db.createArrayOf("bigint", cellIds);
          Array dueArray = db.createArrayOf("timestamptz", dues);
          insert.setTimestamp(1, now);
          insert.setTimestamp(2, now);
          insert.setLong(3, LIMIT_MILLIS);
          insert.setArray(4, cellArray);
          insert.setArray(5, dueArray);
          insert.executeUpdate();
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    JsonObject figures = new JsonObject().put("cases", cases).put("burst", burst).put("first", first)
        .put("spread", spread).put("burstAt", burstSecond).put("seconds", Math.round(seconds * 10) / 10.0);
    System.out.println(json ? figures.encode() : String.format("Wrote %,d staggered and %,d burst cases in %.1f s",
        cases, burst, seconds));
    return 0;
  }
}
