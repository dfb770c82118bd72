package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
