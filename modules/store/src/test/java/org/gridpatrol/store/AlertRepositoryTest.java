package org.gridpatrol.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.gridpatrol.store.AlertRepository.AlertRow;
import org.gridpatrol.store.AlertRepository.OverdueRaise;
import org.gridpatrol.store.AlertRepository.RaisedCells;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts against a real PostgreSQL: what makes a cell's miss an alert once, however often it is raised. */
class AlertRepositoryTest {
  @TempDir
  static Path dataDir;
  static TestDatabase database;
  static Pool nodeA;
  static Pool nodeB;
  static long planId;
  /** Cells 0 to 4 race (4 in another bucket of ids than the others), 5 and 6 are visited late. */
  static long[] cells;

  @BeforeAll
  static void start() throws Exception {
    database = new TestDatabase(dataDir);
    // Two pools, as two nodes have.
    nodeA = database.pool();
    nodeB = database.pool();
    planId = await(nodeA.query("INSERT INTO plans (name) VALUES ('p') RETURNING id").execute()).iterator().next()
        .getLong(0);
    cells = new long[7];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = await(nodeA.query("INSERT INTO cells " + (i == 4 ? "(id, " : "(") + """
              code, name, district, street, community, geometry, shard) OVERRIDING SYSTEM VALUE
              VALUES (""" + (i == 4 ? "5000, " : "") + "'11010100100100" + i + "', 'c', 'd', 's', 'm', '{}', 0)"
              + " RETURNING id").execute()).iterator().next().getLong(0);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  static <T> T await(Future<T> future) throws Exception {
    return TestDatabase.await(future);
  }

  static String code(int i) {
    return "11010100100100" + i;
  }

  @Test
  void nodesRacingWithOverlappingMissesRaiseEachCellOnce() throws Exception {
    AlertRepository a = new AlertRepository(nodeA);
    AlertRepository b = new AlertRepository(nodeB);
    Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String window = "night@2026-11-22";
    List<Future<List<RaisedCells>>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Each attempt three of the five cells, the sets overlapping, as detectors racing over a shard move.
      long[] some = LongStream.range(i, i + 3).map(k -> cells[(int) (k % 5)]).toArray();
      attempts.add((i % 2 == 0 ? a : b).raiseOverdue(new OverdueRaise(planId, window, since, "gap > 2h", some),
          Instant.now()));
    }
    List<Long> raised = new ArrayList<>();
    for (Future<List<RaisedCells>> attempt : attempts) {
      await(attempt).forEach(row -> LongStream.of(row.cellIds()).forEach(raised::add));
    }
    assertEquals(LongStream.of(cells).limit(5).boxed().toList(), raised.stream().sorted().toList(),
        "every cell raised by exactly one attempt");
    long cellAlerts = await(nodeA.query("SELECT count(*) FROM alert_cells WHERE window_id = '" + window + "'")
        .execute()).iterator().next().getLong(0);
    assertEquals(5, cellAlerts);
    long rows = await(nodeA.query("SELECT count(*) FROM alerts WHERE window_id = '" + window + "'").execute())
        .iterator().next().getLong(0);
    assertEquals(2, rows, "one row per bucket of cell ids");
    long queued = await(nodeA.query("""
            SELECT sum(i.alert_count) FROM alert_inbox i JOIN alerts a ON a.id = i.alert_id
            WHERE a.window_id = '""" + window + "'").execute()).iterator().next().getLong(0);
    assertEquals(5, queued, "each cell queued for the escalation once");
  }

  @Test
  void aLateVisitSettlesOnlyItsCellOfTheAlertsOfItsWindow() throws Exception {
    AlertRepository alerts = new AlertRepository(nodeA);
    Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    String window = "day@2026-11-22";
    await(alerts.raiseOverdue(new OverdueRaise(planId, window, since, "gap > 2h", new long[] {cells[5], cells[6]}),
        Instant.now()));
    List<RaisedCells> again = await(alerts.raiseOverdue(new OverdueRaise(planId, window, since.plusSeconds(1),
        "gap > 2h", new long[] {cells[5]}), Instant.now()));
    assertArrayEquals(new long[] {cells[5]}, again.get(0).cellIds(), "overdue again since later: a second alert");
    List<AlertRepository.LateVisit> late = List.of(new AlertRepository.LateVisit(planId, window, cells[5]));
    List<AlertRepository.Settled> settledNow = await(alerts.satisfyLate(late, Instant.now()));
    assertEquals(2, settledNow.size(), "both alerts of the cell settled");
    assertEquals(List.of(code(5), code(5)), settledNow.stream().map(AlertRepository.Settled::cellCode).toList());
    assertEquals(0, await(alerts.satisfyLate(late, Instant.now())).size(), "already settled");
    List<AlertRow> settled = await(alerts.list(new AlertRepository.Filter("satisfied_late", code(5), planId,
        since.minusSeconds(1), since.plusSeconds(2), null, 10, null))).alerts();
    assertEquals(2, settled.size());
    assertEquals(window, settled.get(0).windowId());
    List<AlertRow> open = await(alerts.list(new AlertRepository.Filter("open", null, planId,
        since.minusSeconds(1), since.plusSeconds(2), null, 10, null))).alerts();
    assertEquals(List.of(code(6)), open.stream().map(AlertRow::cellCode).toList(),
        "the other cell of the same alert row stays open");
    List<Long> page = List.of(cells[4], cells[5], cells[6]);
    assertEquals(Set.of(cells[6]), await(alerts.overdueCells(page,
        List.of(new AlertRepository.WindowRef(planId, window)))), "the unsettled cell of the window");
    assertEquals(Set.of(), await(alerts.overdueCells(page,
        List.of(new AlertRepository.WindowRef(planId, "day@2026-11-21")))), "not in another window");
  }

  @Test
  void pagesListEveryCellOfEveryRowOnceNewestFirst() throws Exception {
    AlertRepository alerts = new AlertRepository(nodeA);
    Instant since = Instant.parse("2026-11-20T16:15:00.123456Z");
    String window = "paged@2026-11-20";
    // Two rows overdue since the same instant (cells 0-3 and cell 4 in another bucket), one row a minute later.
    await(alerts.raiseOverdue(new OverdueRaise(planId, window, since,
        "gap > 2h", new long[] {cells[0], cells[1], cells[2], cells[3], cells[4]}), Instant.now()));
    await(alerts.raiseOverdue(new OverdueRaise(planId, window, since.plusSeconds(60), "gap > 2h",
        new long[] {cells[2], cells[3]}), Instant.now()));
    List<String> seen = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    AlertRepository.PageKey after = null;
    int pages = 0;
    do {
      AlertRepository.AlertPage page = await(alerts.list(new AlertRepository.Filter(null, null, planId,
          since.minusSeconds(1), since.plusSeconds(61), after, 2, null)));
      page.alerts().forEach(alert -> {
        seen.add(alert.overdueSince() + " " + alert.cellCode());
        times.add(alert.overdueSince());
      });
      after = page.next();
      pages++;
    } while (after != null && pages < 10);
    assertEquals(7, seen.size(), () -> "every cell-alert once: " + seen);
    assertEquals(7, Set.copyOf(seen).size(), () -> "no cell-alert twice: " + seen);
    assertEquals(4, pages, "pages of 2, the last one short");
    assertEquals(times.stream().sorted(Comparator.reverseOrder()).toList(), times, "newest first");
    assertEquals(since, times.get(times.size() - 1), "times kept to the microsecond across pages");
  }
}
