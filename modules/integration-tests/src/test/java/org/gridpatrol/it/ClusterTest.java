package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.CheckinEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes in one Hazelcast cluster on loopback, sharing one PostgreSQL: events cross nodes over the
 * clustered event bus, and shards are split between them.
 */
class ClusterTest {
  @TempDir
  static Path dataA;
  @TempDir
  static Path dataB;
  static TestNode a;
  static TestNode b;

  @BeforeAll
  static void start() {
    int portA = TestNode.freePort();
    int portB = TestNode.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    String cluster = "test-cluster-" + portA;
    a = TestNode.start("node-a", dataA, Map.of("cluster.port", portA, "cluster.members", members,
        "cluster.name", cluster));
    b = TestNode.start("node-b", dataB, Map.of("cluster.port", portB, "cluster.members", members,
        "cluster.name", cluster, "db.url", a.databaseUri(), "demo.load", false));
    eventually(Duration.ofSeconds(30), "both nodes see a cluster of two",
        () -> a.get("/ready").json().getInteger("clusterMembers") == 2
            && b.get("/ready").json().getInteger("clusterMembers") == 2);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  @Test
  void aCheckInPostedToNodeAReachesAConsumerOnlyOnNodeB() {
    List<CheckinEvent> received = new CopyOnWriteArrayList<>();
    b.node().vertx().eventBus().<CheckinBatch>consumer(Addresses.CHECKINS,
        message -> received.addAll(message.body().checkins())).completion()
        .toCompletionStage().toCompletableFuture().join();
    Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3);
    JsonObject reply = a.post("/api/v1/checkins", a.deviceToken("100031"), new JsonObject().put("checkins",
        new JsonArray().add(new JsonObject().put("id", "x").put("time", time.toString())
            .put("lat", 39.9405).put("lon", 116.3955))).encode()).json();
    assertEquals(1, reply.getInteger("accepted"));
    eventually(Duration.ofSeconds(5), "node B received the check-in", () -> !received.isEmpty());
    CheckinEvent event = received.get(0);
    assertEquals("100031", event.deviceUniqueId());
    assertEquals("P0031", event.officerCode());
    assertEquals("110101001001001", event.cellCode());
    assertEquals(time, event.fixTime());
  }

  @Test
  void shardsAreSplitAndEitherNodeAnswersForEveryCell() {
    // One check-in in each of the first 40 cells of the first street (cells of many shards), posted to A.
    String token = a.deviceToken("100032");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(4000);
    JsonArray items = new JsonArray();
    List<String> codes = new java.util.ArrayList<>();
    for (int row = 0; row < 5; row++) {
      for (int col = 0; col < 8; col++) {
        double lat = 39.9405 - row * 0.000898;
        double lon = 116.3955 + col * 0.0011713;
        items.add(new JsonObject().put("id", row * 8 + col).put("time", start.plusSeconds(60L * (row * 8 + col)).toString())
            .put("lat", lat).put("lon", lon));
      }
    }
    JsonArray results = a.post("/api/v1/checkins", token, new JsonObject().put("checkins", items).encode()).json()
        .getJsonArray("results");
    for (int i = 0; i < results.size(); i++) {
      assertEquals("accepted", results.getJsonObject(i).getString("status"), results.getJsonObject(i).encode());
      codes.add(results.getJsonObject(i).getString("cell"));
    }
    // Right after B joins, Hazelcast is still moving partitions to it: wait until the shards are split and
    // every cell's owner answers with the visit (while a shard moves, the database answers: owner null).
    Set<String> owners = new HashSet<>();
    Set<Integer> shards = new HashSet<>();
    eventually(Duration.ofSeconds(30), "both nodes own shards and know their cells' visits", () -> {
      owners.clear();
      shards.clear();
      for (String code : codes) {
        JsonObject cell = b.get("/api/v1/cells/" + code).json();
        JsonObject visit = cell.getJsonObject("lastVisit");
        if (visit == null || !"P0032".equals(visit.getString("officer")) || cell.getString("shardOwner") == null) {
          return false;
        }
        owners.add(cell.getString("shardOwner"));
        shards.add(cell.getInteger("shard"));
      }
      return owners.size() == 2;
    });
    assertTrue(shards.size() > 10, "the cells fall into many shards: " + shards);
    assertEquals(Set.of("node-a", "node-b"), owners, "live state is kept by both nodes, each for its shards");
  }

  @Test
  void aCheckInOnNodeAMovesTheMarkerOnAMapWatchingNodeB() throws Exception {
    String session = b.login("operator", a.demoPassword("operator"));
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + session)
        .buildAsync(URI.create("ws://127.0.0.1:" + b.httpPort + "/api/v1/live"), new Collector(received))
        .get(10, TimeUnit.SECONDS);
    try {
      socket.sendText(new JsonObject().put("type", "view")
          .put("bbox", new JsonArray().add(116.39).add(39.90).add(116.45).add(39.95)).encode(), true).join();
      eventually(Duration.ofSeconds(10), "the snapshot", () -> received.stream()
          .anyMatch(m -> m.getString("type").equals("snapshot")));
      long posted = System.currentTimeMillis();
      JsonObject checkin = new JsonObject().put("id", "live-1").put("time", Instant.now().toString())
          .put("lat", 39.9405).put("lon", 116.3955).put("heading", 90).put("accuracy", 5);
      assertEquals(200, a.post("/api/v1/checkins", a.deviceToken("100001"),
          new JsonObject().put("checkins", new JsonArray().add(checkin)).encode()).status());
      eventually(Duration.ofSeconds(2), "the officer's new position in a frame from node B", () -> received.stream()
          .filter(m -> m.getString("type").equals("frame"))
          .flatMap(m -> m.getJsonArray("officers").stream().map(JsonObject.class::cast))
          .anyMatch(o -> o.getString("officer").equals("P0001") && o.getDouble("lon") == 116.3955
              && o.getLong("acknowledgedAt") >= posted - 1000));
      JsonObject frame = received.stream().filter(m -> m.getString("type").equals("frame")).findFirst().orElseThrow();
      assertEquals("110101001001001", frame.getJsonArray("officers").getJsonObject(0).getString("cell"));
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
  }

  @Test
  void theLiveMapTakesNoStrangers() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    URI live = URI.create("ws://127.0.0.1:" + b.httpPort + "/api/v1/live");
    ExecutionException nobody = assertThrows(ExecutionException.class,
        () -> client.newWebSocketBuilder().buildAsync(live, new Collector(new CopyOnWriteArrayList<>()))
            .get(10, TimeUnit.SECONDS));
    assertEquals(401, ((WebSocketHandshakeException) nobody.getCause()).getResponse().statusCode());
    String cookie = "gp_session=" + b.login("operator", a.demoPassword("operator"));
    ExecutionException foreign = assertThrows(ExecutionException.class,
        () -> client.newWebSocketBuilder().header("Cookie", cookie).header("Origin", "https://evil.example")
            .buildAsync(live, new Collector(new CopyOnWriteArrayList<>())).get(10, TimeUnit.SECONDS));
    assertEquals(403, ((WebSocketHandshakeException) foreign.getCause()).getResponse().statusCode(),
        "a cookie from another site's page");
    WebSocket own = client.newWebSocketBuilder().header("Cookie", cookie)
        .header("Origin", "http://127.0.0.1:" + b.httpPort)
        .buildAsync(live, new Collector(new CopyOnWriteArrayList<>())).get(10, TimeUnit.SECONDS);
    own.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
  }

  /** Gathers a WebSocket's text messages as JSON. */
  private static final class Collector implements WebSocket.Listener {
    private final List<JsonObject> received;
    private final StringBuilder parts = new StringBuilder();
    /** The close code the server sent, once it closed the socket. */
    volatile Integer closedWith;

    Collector(List<JsonObject> received) {
      this.received = received;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      // The listener is called for one message part at a time, never concurrently.
      parts.append(data);
      if (last) {
        received.add(new JsonObject(parts.toString()));
        parts.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closedWith = statusCode;
      return null;
    }
  }

  @Test
  void aLiveSocketOnNodeBClosesWithinTwoSecondsOfItsSessionsLogoutOnNodeA() throws Exception {
    String session = b.login("operator", a.demoPassword("operator"));
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    Collector collector = new Collector(received);
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + session)
        .buildAsync(URI.create("ws://127.0.0.1:" + b.httpPort + "/api/v1/live"), collector)
        .get(10, TimeUnit.SECONDS);
    socket.sendText(new JsonObject().put("type", "view").put("bbox", new JsonArray().add(116.38).add(39.90)
        .add(116.45).add(39.95)).encode(), true);
    eventually(Duration.ofSeconds(5), "the first snapshot", () -> !received.isEmpty());
    assertEquals(204, a.post("/api/v1/logout", session, "").status());
    eventually(Duration.ofSeconds(2), "the socket closed by node B", () -> collector.closedWith != null);
    assertEquals(4401, collector.closedWith, "closed as a session that ended");
  }

  @Test
  void aReKeyedOrRetiredDeviceIsRefusedOnEveryNodeWithinTwoSecondsAlsoWhenTheClusterMessageIsLost() throws Exception {
    String id = "100033";
    String oldKey = a.osmandKey(id);
    assertEquals(200, fix(b, id, oldKey, 60).status());
    // Re-keyed through node A's API: A refuses the old key when it answers, B as soon as the message arrives.
    String newKey = a.post("/api/v1/devices/" + id + "/key", a.adminToken(), "").json().getString("key");
    assertEquals(400, fix(a, id, oldKey, 59).status());
    eventually(Duration.ofSeconds(2), "node B refuses the old key", () -> fix(b, id, oldKey, 58).status() == 400);
    assertEquals(200, fix(b, id, newKey, 57).status());

    // Changed in the database alone, as if the cluster message were lost: the periodic check finds it.
    io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(a.databaseUri())).using(a.node().vertx()).build();
    try {
      pool.query("UPDATE devices SET osmand_key = 'key-of-a-lost-message' WHERE unique_id = '" + id + "'").execute()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      for (TestNode node : List.of(a, b)) {
        eventually(Duration.ofSeconds(2), node.node().nodeName() + " takes the new key",
            () -> fix(node, id, "key-of-a-lost-message", 56).status() == 200);
        assertEquals(400, fix(node, id, newKey, 55).status());
      }
      pool.query("UPDATE devices SET disabled_at = now() WHERE unique_id = '" + id + "'").execute()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      for (TestNode node : List.of(a, b)) {
        eventually(Duration.ofSeconds(2), node.node().nodeName() + " refuses the retired device",
            () -> fix(node, id, "key-of-a-lost-message", 54).status() == 400);
      }
    } finally {
      pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A fix in a cell (row 8, column 10 of the first street) that the other tests leave alone. */
  private static TestNode.Reply fix(TestNode node, String uniqueId, String key, int secondsAgo) {
    return node.osmand(java.net.http.HttpRequest.newBuilder(node.osmandUri("/k/" + key + "?id=" + uniqueId
        + "&lat=39.93421&lon=116.40604&timestamp=" + (Instant.now().getEpochSecond() - secondsAgo))).GET());
  }
}
