package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

  @Test
  void withTheDatabaseGoneRequestsAre503WithRetryAfterAndNothingIsAcknowledged() throws Exception {
    TestNode node = TestNode.start("no-database", dataDir, Map.of());
    ch.qos.logback.classic.Logger escalation = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "org.gridpatrol.cases.EscalationVerticle");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    escalation.addAppender(logged);
    try {
      long postmaster = postmasterPid(dataDir.resolve("postgres"));
      ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
      ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());

      String checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", "1")
          .put("time", Instant.now().minusSeconds(5).toString()).put("lat", 39.9405).put("lon", 116.3955))).encode();
      TestNode.Reply[] replies = {
          node.post("/api/v1/checkins", node.deviceToken("100042"), checkin),
          node.get("/api/v1/cases"),
          node.get("/api/v1/officers/P0042"),
          node.osmand(java.net.http.HttpRequest.newBuilder(node.osmandFix("100042", "lat=39.9405&lon=116.3955"))
              .GET())};
      for (TestNode.Reply reply : replies) {
        String what = reply.response().request().uri().getPath() + ": " + reply.body();
        assertEquals(503, reply.status(), what);
        assertEquals("1", reply.response().headers().firstValue("Retry-After").orElse(null), what);
        assertEquals("unavailable", reply.json().getJsonObject("error").getString("rule"), what);
      }
      // The escalation ticks every 200 ms; an outage of some seconds is one error line, not one per tick.
      Thread.sleep(3000);
      long errors = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR).count();
      assertEquals(1, errors, "error lines of the escalation in 3 s without a database: " + logged.list.stream()
          .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList());
    } finally {
      escalation.detachAppender(logged);
      node.close();
    }
  }

  @Test
  void aHungDatabaseIs503WithinSecondsAndTheNodeRecoversByItself() throws Exception {
    TestNode node = TestNode.start("hung-database", dataDir.resolve("hung"), Map.of());
    List<ProcessHandle> postgres = new java.util.ArrayList<>();
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDir.resolve("hung").resolve("postgres")))
        .orElseThrow();
    postgres.add(postmaster);
    postmaster.descendants().forEach(postgres::add);
    try {
      signal("STOP", postgres);
      String checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", "hung")
          .put("time", Instant.now().minusSeconds(5).toString()).put("lat", 39.9405).put("lon", 116.3955))).encode();
      // The check-in path answers rather than hangs (the client would give up after 10 s).
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> json = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/checkins"))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + node.deviceToken("100043"))
          .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(checkin))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(503, json.statusCode(), json.body());
      assertEquals("1", json.headers().firstValue("Retry-After").orElse(null));
      java.net.http.HttpResponse<String> osmand = client.send(java.net.http.HttpRequest.newBuilder(
              node.osmandFix("100043", "lat=39.9405&lon=116.3956")).timeout(Duration.ofSeconds(10)).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(503, osmand.statusCode(), osmand.body());
    } finally {
      signal("CONT", postgres);
    }
    try {
      // Back: the same check-in goes through (or is a duplicate of a commit that landed late).
      TestNode.eventually(Duration.ofSeconds(20), "check-ins commit again", () -> {
        TestNode.Reply reply = node.post("/api/v1/checkins", node.deviceToken("100043"), new JsonObject()
            .put("checkins", new JsonArray().add(new JsonObject().put("id", "after").put("time",
                Instant.now().minusSeconds(2).toString()).put("lat", 39.9405).put("lon", 116.3957))).encode());
        return reply.status() == 200;
      });
    } finally {
      node.close();
    }
  }

  @Test
  void aNodeWarnsAtStartWhenItsPostgresqlIsNotDurable() throws Exception {
    TestNode durable = TestNode.start("durable-db", dataDir.resolve("durable-db"), Map.of());
    ch.qos.logback.classic.Logger nodeLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "org.gridpatrol.node.GridPatrolNode");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    nodeLog.addAppender(logged);
    io.vertx.sqlclient.Pool admin = io.vertx.pgclient.PgBuilder.pool()
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(durable.databaseUri()))
        .using(durable.node().vertx()).build();
    TestNode other = null;
    try {
      // A PostgreSQL of the city's own, configured to answer commits before they are on disk.
      await(admin.query("ALTER DATABASE gridpatrol SET synchronous_commit TO off").execute());
      other = TestNode.start("on-external-db", dataDir.resolve("on-external-db"), Map.of("db.url",
          durable.databaseUri(), "demo.load", false));
      assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
          && e.getFormattedMessage().contains("not durable") && e.getFormattedMessage().contains("synchronous_commit")),
          "warned: " + logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("durable")).toList());
    } finally {
      nodeLog.detachAppender(logged);
      await(admin.query("ALTER DATABASE gridpatrol RESET synchronous_commit").execute());
      await(admin.close());
      if (other != null) {
        other.close();
      }
      durable.close();
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle process : processes) {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }
  }

  private static long postmasterPid(Path pgData) throws IOException {
    return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
  }
}
