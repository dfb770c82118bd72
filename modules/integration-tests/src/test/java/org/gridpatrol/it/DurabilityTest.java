package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged check-in survives PostgreSQL being killed outright and the node restarting. */
class DurabilityTest {
  @TempDir
  Path dataDir;

  @Test
  void acknowledgedCheckInsSurviveAKilledDatabase() throws Exception {
    TestNode node = TestNode.start("durable", dataDir, Map.of());
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    JsonArray items = new JsonArray();
    for (int i = 0; i < 50; i++) {
      items.add(new JsonObject().put("id", i).put("time", start.plusSeconds(i).toString())
          .put("lat", 39.9405).put("lon", 116.3955));
    }
    JsonObject ack = node.post("/api/v1/checkins", node.deviceToken("100041"),
        new JsonObject().put("checkins", items).encode()).json();
    assertEquals(50, ack.getInteger("accepted"));

    // kill -9 the postmaster: no shutdown checkpoint, only what was fsynced at commit survives.
    long postmaster = postmasterPid(dataDir.resolve("postgres"));
    ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
    ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());
    node.close();

    TestNode restarted = TestNode.start("durable", dataDir, Map.of());
    try {
      JsonArray track = restarted.get("/api/v1/officers/P0041/track?from=" + start.minusSeconds(1) + "&to="
          + start.plusSeconds(60)).json().getJsonArray("points");
      assertEquals(50, track.size());
    } finally {
      restarted.close();
    }
  }

  private static long postmasterPid(Path pgData) throws IOException {
    return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
  }
}
