package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.gridpatrol.events.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overdue detector on a real node with a clock the test moves: a missed patrol raises one alert at the
 * right time, a restart raises it again never, and a late visit marks it satisfied late.
 */
class OverdueTest {
  static final String CELL_A = "110101001001001";
  static final String CELL_B = "110101001001002";
  // Points inside the two cells (the first and second cell of the demo city's first row).
  static final double[] IN_A = {39.9405, 116.3955};
  static final double[] IN_B = {39.9405, 116.3967};

  @TempDir
  Path dataDir;

  private static List<JsonObject> alerts(TestNode node, long plan) {
    JsonArray alerts = node.get("/api/v1/alerts?plan=" + plan).json().getJsonArray("alerts");
    return alerts.stream().map(JsonObject.class::cast).collect(Collectors.toList());
  }

  /** Posts a check-in and waits until the detector took it in, so moving the clock next cannot overtake it. */
  private static void checkIn(TestNode node, String device, String id, Instant at, double[] where) {
    long before = detectorCheckins(node);
    JsonObject reply = node.post("/api/v1/checkins", node.deviceToken(device), new JsonObject().put("checkins",
        new JsonArray().add(new JsonObject().put("id", id).put("time", at.toString()).put("lat", where[0])
            .put("lon", where[1]))).encode()).json();
    assertEquals(1, reply.getInteger("accepted"), reply.encode());
    eventually(Duration.ofSeconds(5), "the detector took check-in " + id + " in", () -> detectorCheckins(node) > before);
  }

  /** The evaluation's line of one officer, or null if they have none. */
  private static JsonObject officerLine(TestNode node, String period, String officer) {
    return node.get("/api/v1/reports/evaluation?by=officer" + period).json().getJsonArray("groups").stream()
        .map(JsonObject.class::cast).filter(g -> g.getString("group").equals(officer)).findFirst().orElse(null);
  }

  private static long detectorCheckins(TestNode node) {
    return node.get("/metrics").body().lines().filter(line -> line.startsWith("gridpatrol_overdue_checkins_total"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aMissedPatrolRaisesOneAlertOnTimeAndALateVisitSatisfiesIt() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestNode node = TestNode.start("overdue", dataDir, Map.of(), clock);
    List<JsonObject> announced = new CopyOnWriteArrayList<>();
    node.node().vertx().eventBus().<JsonObject>consumer(Addresses.ALERTS, message -> announced.add(message.body()));
    long plan;
    try {
      // Window from about 10 minutes ago for 3 hours; every cell at least every 30 minutes, no grace.
      JsonObject definition = PlanTest.plan(clock.instant())
          .put("requirement", new JsonObject().put("maxGapMinutes", 30));
      JsonObject window = definition.getJsonArray("windows").getJsonObject(0);
      window.put("end", java.time.LocalDateTime.ofInstant(clock.instant(), PlanTest.SHANGHAI).plusHours(3)
          .format(PlanTest.HH_MM));
      TestNode.Reply created = node.post("/api/v1/plans", node.adminToken(), definition.encode());
      assertEquals(201, created.status(), created.body());
      plan = created.json().getLong("id");

      // Cell A is visited 20 minutes into the window (within its 30); cell B is not visited, so its 30
      // minutes run out about 20 minutes from the start of the test.
      clock.advance(Duration.ofMinutes(10));
      checkIn(node, "100063", "a1", clock.instant(), IN_A);
      clock.advance(Duration.ofMinutes(15));
      long planId = plan;
      eventually(Duration.ofSeconds(10), "the alert for cell B", () -> alerts(node, planId).size() == 1);
      JsonObject alert = alerts(node, plan).get(0);
      assertEquals(CELL_B, alert.getString("cell"));
      assertEquals("open", alert.getString("status"));
      assertEquals("patrol_overdue", alert.getString("kind"));
      assertEquals("T110101001", alert.getString("team"));
      assertTrue(alert.getString("missed").startsWith("gap"), alert.encode());
      // The evaluation's patrol coverage: of the window's two cells, one missed.
      Instant windowStart = OffsetDateTime.parse(node.get("/api/v1/plans/" + plan + "/coverage").json()
          .getString("start")).toInstant();
      JsonObject team = node.get("/api/v1/reports/evaluation?by=team&from=" + windowStart.minusSeconds(60) + "&to="
          + windowStart.plusSeconds(60)).json().getJsonArray("groups").stream().map(JsonObject.class::cast)
          .filter(g -> g.getString("group").equals("T110101001")).findFirst().orElseThrow();
      assertEquals(2, team.getLong("patrolCellWindows"));
      assertEquals(1, team.getLong("patrolCellWindowsMissed"));
      assertEquals(0.5, team.getDouble("patrolCoverage"));
      // By officer: the window's cells were P0001's community. Moved to another community afterwards (and
      // the community given to P0002), the window stays P0001's: the evaluation keeps whom it was at the time.
      String period = "&from=" + windowStart.minusSeconds(60) + "&to=" + windowStart.plusSeconds(60);
      assertEquals(2, officerLine(node, period, "P0001").getLong("patrolCellWindows"));
      assertEquals(200, node.put("/api/v1/officers/P0001", node.adminToken(), new JsonObject().put("name", "王伟")
          .put("team", "T110101001").put("areas", new JsonArray().add("110101001002")).encode()).status());
      assertEquals(200, node.put("/api/v1/officers/P0002", node.adminToken(), new JsonObject().put("name", "李娜")
          .put("team", "T110101001").put("areas", new JsonArray().add("110101001001")).encode()).status());
      JsonObject before = officerLine(node, period, "P0001");
      assertEquals(2, before.getLong("patrolCellWindows"), before.encode());
      assertEquals(1, before.getLong("patrolCellWindowsMissed"));
      assertEquals(null, officerLine(node, period, "P0002"), "P0002 took the community over only later");
      sleep(Duration.ofSeconds(1));
      assertEquals(1, alerts(node, plan).size(), "raised once, however often the detector looks");
      assertEquals(1, announced.stream().filter(a -> "patrol_overdue".equals(a.getString("kind"))
          && a.getJsonArray("cells").contains(CELL_B) && a.getLong("plan") == planId).count(),
          "announced once on the event bus");
      String metrics = node.get("/metrics").body();
      assertTrue(metrics.contains("gridpatrol_alerts_raised_total{kind=\"patrol_overdue\"}"), "alerts counted");
      assertTrue(metrics.contains("gridpatrol_overdue_detection_lag_seconds"), "detection lag measured");
    } finally {
      node.close();
    }

    // Cell A's visit was 15 minutes ago; its 30 minutes run out while the node is down. On start the detector
    // catches up on the windows of the last day: it raises cell A's miss, and not cell B's again.
    clock.advance(Duration.ofMinutes(20));
    TestNode restarted = TestNode.start("overdue", dataDir, Map.of(), clock);
    List<JsonObject> announcedAfter = new CopyOnWriteArrayList<>();
    restarted.node().vertx().eventBus().<JsonObject>consumer(Addresses.ALERTS,
        message -> announcedAfter.add(message.body()));
    try {
      long planId = plan;
      eventually(Duration.ofSeconds(10), "the alert for cell A, missed while down", () -> alerts(restarted, planId)
          .stream().anyMatch(a -> a.getString("cell").equals(CELL_A)));
      sleep(Duration.ofSeconds(1));
      assertEquals(List.of(CELL_A, CELL_B), alerts(restarted, plan).stream().map(a -> a.getString("cell")).sorted()
          .toList(), "cell A raised once on start, cell B not again");
      // Now an officer reaches cell B: its alert is kept, as satisfied late.
      checkIn(restarted, "100064", "b1", clock.instant(), IN_B);
      eventually(Duration.ofSeconds(10), "cell B satisfied late", () -> alerts(restarted, planId).stream()
          .anyMatch(a -> a.getString("cell").equals(CELL_B) && a.getString("status").equals("satisfied_late")));
      assertEquals(2, alerts(restarted, plan).size());
      eventually(Duration.ofSeconds(5), "satisfied late announced with its cell, for the map",
          () -> announcedAfter.stream().anyMatch(a -> "satisfied_late".equals(a.getString("status"))
              && CELL_B.equals(a.getString("cell"))));
      // A page at a time: each reply's next is where the following page starts.
      JsonObject first = restarted.get("/api/v1/alerts?limit=1&plan=" + plan).json();
      JsonObject second = restarted.get("/api/v1/alerts?limit=1&plan=" + plan + "&after=" + first.getString("next"))
          .json();
      JsonObject third = restarted.get("/api/v1/alerts?limit=1&plan=" + plan + "&after=" + second.getString("next"))
          .json();
      assertEquals(Set.of(CELL_A, CELL_B), Set.of(first.getJsonArray("alerts").getJsonObject(0).getString("cell"),
          second.getJsonArray("alerts").getJsonObject(0).getString("cell")), "one alert a page, both seen");
      assertTrue(third.getJsonArray("alerts").isEmpty(), third.encode());
      assertNull(third.getValue("next"), "no page after the last");
    } finally {
      restarted.close();
    }
  }

  private static List<JsonObject> silenceAlerts(TestNode node, String officer) {
    return node.get("/api/v1/alerts?limit=5000").json().getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> "officer_silent".equals(a.getString("kind")) && officer.equals(a.getString("officer")))
        .collect(Collectors.toList());
  }

  @Test
  void anOfficerOnDutyWhoseDeviceFallsSilentIsFlaggedAndClearedWhenHeardAgain() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestNode node = TestNode.start("silent", dataDir, Map.of(), clock);
    try {
      checkIn(node, "100050", "s1", clock.instant(), IN_A);
      JsonObject definition = PlanTest.plan(clock.instant()).put("officers", new JsonArray().add("P0050"));
      definition.getJsonArray("windows").getJsonObject(0).put("end",
          java.time.LocalDateTime.ofInstant(clock.instant(), PlanTest.SHANGHAI).plusHours(3).format(PlanTest.HH_MM));
      assertEquals(201, node.post("/api/v1/plans", node.adminToken(), definition.encode()).status());
      clock.advance(Duration.ofMinutes(5));
      sleep(Duration.ofSeconds(1));
      assertTrue(silenceAlerts(node, "P0050").isEmpty(), "5 minutes of quiet is not yet silence");
      // Nothing for 11 minutes (the limit is 10): P0050 is silent.
      clock.advance(Duration.ofMinutes(6));
      eventually(Duration.ofSeconds(10), "P0050 flagged silent", () -> silenceAlerts(node, "P0050").size() == 1);
      JsonObject alert = silenceAlerts(node, "P0050").get(0);
      assertEquals("open", alert.getString("status"));
      assertTrue(alert.getString("missed").contains("10 min"), alert.encode());
      // The device is heard again: the alert is cleared, and no second one follows.
      clock.advance(Duration.ofMinutes(1));
      checkIn(node, "100050", "s2", clock.instant(), IN_A);
      eventually(Duration.ofSeconds(10), "P0050's silence cleared",
          () -> "cleared".equals(silenceAlerts(node, "P0050").get(0).getString("status")));
      assertEquals(1, silenceAlerts(node, "P0050").size());
    } finally {
      node.close();
    }
  }

  /**
   * While a shard moves, its old and its new owner may both watch it for a moment. Here two nodes share one
   * database but not a cluster, so each owns every shard: both detectors see the same deadline pass, and the
   * alert is still raised and announced once.
   */
  @Test
  void twoDetectorsWatchingTheSameShardRaiseTheAlertOnce(@TempDir Path otherDataDir) {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestNode first = TestNode.start("detector-a", dataDir, Map.of(), clock);
    TestNode second = null;
    try {
      JsonObject definition = PlanTest.plan(clock.instant())
          .put("cells", new JsonObject().put("codes", new JsonArray().add(CELL_B)))
          .put("requirement", new JsonObject().put("maxGapMinutes", 30));
      TestNode.Reply created = first.post("/api/v1/plans", first.adminToken(), definition.encode());
      assertEquals(201, created.status(), created.body());
      long plan = created.json().getLong("id");
      // Started after the plan exists: the two clusters do not hear each other's plan changes.
      second = TestNode.start("detector-b", otherDataDir, Map.of("db.url", first.databaseUri(),
          "demo.load", false), clock);
      List<JsonObject> announced = new CopyOnWriteArrayList<>();
      for (TestNode node : List.of(first, second)) {
        node.node().vertx().eventBus().<JsonObject>consumer(Addresses.ALERTS, message -> {
          // Only this plan's: the demo plans of the first node may have windows running too.
          if (Long.valueOf(plan).equals(message.body().getLong("plan"))) {
            announced.add(message.body());
          }
        });
      }
      clock.advance(Duration.ofMinutes(25));
      eventually(Duration.ofSeconds(10), "the alert for cell B", () -> alerts(first, plan).size() == 1);
      sleep(Duration.ofSeconds(2));
      assertEquals(1, alerts(first, plan).size(), "one alert in the database");
      assertEquals(1, announced.size(), "announced by one detector only: " + announced);
    } finally {
      if (second != null) {
        second.close();
      }
      first.close();
    }
  }

  @Test
  void cellsOfANodeThatLeftAreWatchedByTheOneThatTakesOverItsShards(@TempDir Path otherDataDir) {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    int portA = TestNode.freePort();
    int portB = TestNode.freePort();
    Map<String, Object> cluster = Map.of("cluster.members", "127.0.0.1:" + portA + ",127.0.0.1:" + portB,
        "cluster.name", "overdue-cluster-" + portA);
    TestNode a = TestNode.start("overdue-a", dataDir, with(cluster, Map.of("cluster.port", portA)), clock);
    TestNode b = null;
    try {
      b = TestNode.start("overdue-b", otherDataDir, with(cluster, Map.of("cluster.port", portB,
          "db.url", a.databaseUri(), "demo.load", false)), clock);
      TestNode nodeB = b;
      // A community of 25 cells, in shards of both nodes: every cell at least every 30 minutes.
      JsonObject definition = PlanTest.plan(clock.instant())
          .put("cells", new JsonObject().put("prefixes", new JsonArray().add("110101001001")));
      TestNode.Reply created = a.post("/api/v1/plans", a.adminToken(), definition.encode());
      assertEquals(201, created.status(), created.body());
      long plan = created.json().getLong("id");
      eventually(Duration.ofSeconds(30), "the community's cells in shards of both nodes",
          () -> shardOwners(nodeB).equals(Set.of("overdue-a", "overdue-b")));

      // B leaves; the deadlines of its cells pass with nobody there. A takes its shards over and raises them.
      b.close();
      b = null;
      clock.advance(Duration.ofMinutes(25));
      eventually(Duration.ofSeconds(30), "an alert for each of the 25 cells", () -> alerts(a, plan).size() == 25);
      eventually(Duration.ofSeconds(10), "A owns every shard now", () -> shardOwners(a).equals(Set.of("overdue-a")));
      sleep(Duration.ofSeconds(1));
      List<String> cells = alerts(a, plan).stream().map(alert -> alert.getString("cell")).toList();
      assertEquals(25, Set.copyOf(cells).size(), "each cell once: " + cells);
    } finally {
      if (b != null) {
        b.close();
      }
      a.close();
    }
  }

  /** The nodes that own the shards of the 25 cells of community 110101001001 (null while a shard moves). */
  private static Set<String> shardOwners(TestNode node) {
    Set<String> owners = new HashSet<>();
    for (int i = 1; i <= 25; i++) {
      owners.add(String.valueOf(node.get("/api/v1/cells/110101001001%03d".formatted(i)).json().getValue("shardOwner")));
    }
    return owners;
  }

  private static Map<String, Object> with(Map<String, Object> first, Map<String, Object> second) {
    Map<String, Object> all = new HashMap<>(first);
    all.putAll(second);
    return all;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
