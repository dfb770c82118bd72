package org.gridpatrol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts against a real PostgreSQL: the key is what makes an alert happen once. */
class AlertRepositoryTest {
  @TempDir
  static Path dataDir;
  static TestDatabase database;
  static Pool nodeA;
  static Pool nodeB;
  static long planId;
  static long cellId;

  @BeforeAll
  static void start() throws Exception {
    database = new TestDatabase(dataDir);
    // Two pools, as two nodes have.
    nodeA = database.pool();
    nodeB = database.pool();
    planId = await(nodeA.query("INSERT INTO plans (name) VALUES ('p') RETURNING id").execute()).iterator().next()
        .getLong(0);
    cellId = await(nodeA.query("""
            INSERT INTO cells (code, name, district, street, community, geometry, shard)
            VALUES ('110101001001001', 'c', 'd', 's', 'm', '{}', 0) RETURNING id""").execute())
        .iterator().next().getLong(0);
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  static <T> T await(Future<T> future) throws Exception {
    return TestDatabase.await(future);
  }

  @Test
  void twoNodesRacingForTheSameMissRaiseOneAlert() throws Exception {
    AlertRepository a = new AlertRepository(nodeA);
    AlertRepository b = new AlertRepository(nodeB);
    Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String key = "patrol_overdue:" + planId + ":night@2026-11-22:" + cellId + ":" + since.toEpochMilli();
    AlertRepository.OverdueRaise raise = new AlertRepository.OverdueRaise(key, planId, "night@2026-11-22", cellId,
        "gap 2h10m > 2h", since);
    List<Future<List<AlertRepository.AlertRow>>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      AlertRepository node = i % 2 == 0 ? a : b;
      attempts.add(node.raiseOverdue(List.of(raise), Instant.now()));
    }
    int raised = 0;
    for (Future<List<AlertRepository.AlertRow>> attempt : attempts) {
      raised += await(attempt).size();
    }
    assertEquals(1, raised, "exactly one attempt raises the alert");
    long rows = await(nodeA.query("SELECT count(*) FROM alerts WHERE alert_key = '" + key + "'").execute())
        .iterator().next().getLong(0);
    assertEquals(1, rows);
  }

  @Test
  void aLateVisitSettlesOnlyOpenAlertsOfItsWindowAndCell() throws Exception {
    AlertRepository alerts = new AlertRepository(nodeA);
    Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    String window = "day@2026-11-22";
    List<AlertRepository.AlertRow> raised = await(alerts.raiseOverdue(List.of(
        new AlertRepository.OverdueRaise("k1-" + since, planId, window, cellId, "gap", since),
        new AlertRepository.OverdueRaise("k2-" + since, planId, window, cellId, "gap", since.plusSeconds(1))),
        Instant.now()));
    assertEquals(2, raised.size(), "one statement raises several");
    assertEquals("110101001001001", raised.get(0).cellCode());
    List<AlertRepository.LateVisit> late = List.of(new AlertRepository.LateVisit(planId, window, cellId));
    assertEquals(2, await(alerts.satisfyLate(late, Instant.now())).size());
    assertEquals(0, await(alerts.satisfyLate(late, Instant.now())).size(), "already settled");
    List<AlertRepository.AlertRow> listed = await(alerts.list(new AlertRepository.Filter("satisfied_late",
        "110101001001001", planId, since.minusSeconds(1), since.plusSeconds(2), 10, null)));
    assertEquals(2, listed.size());
    assertEquals(window, listed.get(0).windowId());
  }
}
