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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid import and device registration through the admin API of a real node. */
class AdminTest {
  @TempDir
  static Path dataDir;
  static TestNode node;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestNode.start("admin", dataDir, Map.of());
    admin = node.adminToken();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A square cell west of the demo city: [lon, lon + 0.001] x [lat, lat + 0.001]. */
  static JsonObject square(String code, String name, double lon, double lat) {
    JsonArray ring = new JsonArray()
        .add(new JsonArray().add(lon).add(lat)).add(new JsonArray().add(lon + 0.001).add(lat))
        .add(new JsonArray().add(lon + 0.001).add(lat + 0.001)).add(new JsonArray().add(lon).add(lat + 0.001))
        .add(new JsonArray().add(lon).add(lat));
    return feature(code, name, new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
  }

  static JsonObject feature(String code, String name, JsonObject geometry) {
    return new JsonObject().put("type", "Feature").put("geometry", geometry).put("properties", new JsonObject()
        .put("code", code).put("name", name).put("district", "西城区").put("street", "西长安街街道")
        .put("community", "府右街社区"));
  }

  static String collection(JsonObject... features) {
    return new JsonObject().put("type", "FeatureCollection")
        .put("features", new JsonArray(java.util.List.of((Object[]) features))).encode();
  }

  @Test
  void aGridImportReportsEveryBadFeatureAndUpdatesCellsInPlace() {
    JsonObject bowTie = feature("110102001001003", "bow tie", new JsonObject().put("type", "Polygon").put("coordinates",
        new JsonArray().add(new JsonArray()
            .add(new JsonArray().add(116.30).add(39.95)).add(new JsonArray().add(116.301).add(39.951))
            .add(new JsonArray().add(116.301).add(39.95)).add(new JsonArray().add(116.30).add(39.951))
            .add(new JsonArray().add(116.30).add(39.95)))));
    TestNode.Reply reply = node.post("/api/v1/admin/grid?source=test", admin, collection(
        square("110102001001001", "府右街1号网格", 116.30, 39.90),
        square("110102001001002", "overlapping", 116.3005, 39.9005),
        bowTie,
        square("12345", "bad code", 116.31, 39.90)));
    assertEquals(200, reply.status(), reply.body());
    JsonObject summary = reply.json();
    assertEquals(4, summary.getInteger("features"));
    assertEquals(1, summary.getInteger("created"));
    assertEquals(3, summary.getInteger("rejected"));
    JsonArray problems = summary.getJsonArray("problems");
    assertEquals("overlap", problems.getJsonObject(0).getString("rule"));
    assertEquals(1, problems.getJsonObject(0).getInteger("feature"));
    assertEquals("invalid_geometry", problems.getJsonObject(1).getString("rule"));
    assertEquals("invalid_code", problems.getJsonObject(2).getString("rule"));

    // Every node reloads its index: a fix in the new cell is placed there.
    String token = node.deviceToken("100021");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    AtomicInteger attempt = new AtomicInteger();
    eventually(Duration.ofSeconds(5), "the new cell is in the index", () -> {
      int n = attempt.incrementAndGet();
      String checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", n)
          .put("time", start.plusMillis(n).toString()).put("lat", 39.9005).put("lon", 116.3005))).encode();
      return "110102001001001".equals(node.post("/api/v1/checkins", token, checkin).json()
          .getJsonArray("results").getJsonObject(0).getString("cell"));
    });

    // Re-import with a new name: the cell is updated, not replaced, and keeps its history.
    JsonObject again = node.post("/api/v1/admin/grid", admin,
        collection(square("110102001001001", "府右街1号网格（更名）", 116.30, 39.90))).json();
    assertEquals(0, again.getInteger("created"));
    assertEquals(1, again.getInteger("updated"));
    JsonObject cell = node.get("/api/v1/cells/110102001001001").json();
    assertEquals("府右街1号网格（更名）", cell.getString("name"));
    eventually(Duration.ofSeconds(5), "the renamed cell keeps its visit", () -> {
      // Until the cell's shard owner has reloaded the grid, the visit may read as none (null).
      JsonObject visit = node.get("/api/v1/cells/110102001001001").json().getJsonObject("lastVisit");
      return visit != null && "P0021".equals(visit.getString("officer"));
    });
  }

  @Test
  void theCommandLineImportsAGridFile(@TempDir Path files) throws Exception {
    Path file = files.resolve("cells.geojson");
    java.nio.file.Files.writeString(file, collection(
        square("110102002001001", "CLI 1", 116.35, 39.90),
        square("110102002001002", "CLI 2", 116.351, 39.90),
        square("bad", "CLI bad", 116.36, 39.90)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = new picocli.CommandLine(new org.gridpatrol.node.Main()).execute("import-grid", file.toString(),
          "--server", "http://127.0.0.1:" + node.httpPort, "--token", admin);
    } finally {
      System.setOut(original);
    }
    assertEquals(2, exit, "exit code 2: imported, but some features were rejected");
    assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("2 cells created, 0 updated, 1 rejected"),
        out.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("CLI 2", node.get("/api/v1/cells/110102002001002").json().getString("name"));
  }

  @Test
  void unreadableGridsAreRefusedWhole() {
    TestNode.Reply notJson = node.post("/api/v1/admin/grid", admin, "{\"type\": \"FeatureCollection\", ");
    assertEquals(400, notJson.status());
    assertEquals("invalid_json", notJson.json().getJsonObject("error").getString("rule"));
    TestNode.Reply unknownCrs = node.post("/api/v1/admin/grid?crs=EPSG:999999", admin,
        collection(square("110102001001009", "x", 116.32, 39.90)));
    assertEquals(400, unknownCrs.status());
    assertEquals("unknown_crs", unknownCrs.json().getJsonObject("error").getString("rule"));
    assertEquals(401, node.post("/api/v1/admin/grid", null, collection()).status());
    assertEquals(401, node.post("/api/v1/admin/grid", "wrong", collection()).status());
  }

  @Test
  void devicesAreEnrolledAndRetired() {
    TestNode.Reply registered = node.post("/api/v1/devices", admin,
        new JsonObject().put("uniqueId", "359881234567890").put("officer", "P0030").encode());
    assertEquals(201, registered.status(), registered.body());
    String token = registered.json().getString("token");
    assertTrue(token.length() >= 32);

    String checkin = new JsonObject().put("checkins", new JsonArray().add(new JsonObject().put("id", 1)
        .put("time", Instant.now().minusSeconds(5).toString()).put("lat", 39.9405).put("lon", 116.3955))).encode();
    eventually(Duration.ofSeconds(5), "the new device can check in",
        () -> node.post("/api/v1/checkins", token, checkin).status() == 200);

    assertEquals(409, node.post("/api/v1/devices", admin,
        new JsonObject().put("uniqueId", "359881234567890").encode()).status());
    TestNode.Reply unknownOfficer = node.post("/api/v1/devices", admin,
        new JsonObject().put("uniqueId", "1").put("officer", "NOBODY").encode());
    assertEquals(400, unknownOfficer.status());
    assertEquals("officer", unknownOfficer.json().getJsonObject("error").getString("field"));
    assertEquals(400, node.post("/api/v1/devices", admin, "{}").status());

    assertEquals(204, node.delete("/api/v1/devices/359881234567890", admin).status());
    eventually(Duration.ofSeconds(5), "the disabled device is refused",
        () -> node.post("/api/v1/checkins", token, checkin).status() == 401);
    assertEquals(409, node.delete("/api/v1/devices/359881234567890", admin).status(), "already retired");
    assertEquals(404, node.delete("/api/v1/devices/359881234567891", admin).status());
  }
}
