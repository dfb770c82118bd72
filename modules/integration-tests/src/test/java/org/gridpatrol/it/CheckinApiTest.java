package org.gridpatrol.it;

import static org.gridpatrol.it.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON check-in API and the read API of one real node over HTTP. */
class CheckinApiTest {
  // Demo city: cell 110101001001001 is the north-west corner cell of 东华门街道第1社区, about 100 m square
  // starting at lon 116.395, lat 39.941 (north edge); its officer is P0001 with device 100001.
  static final double CELL1_LAT = 39.9405;
  static final double CELL1_LON = 116.3955;

  @TempDir
  static Path dataDir;
  static TestNode node;
  static String token;

  @BeforeAll
  static void start() {
    node = TestNode.start("api", dataDir, Map.of());
    token = node.deviceToken("100001");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject item(Object id, Instant time, double lat, double lon) {
    return new JsonObject().put("id", id).put("time", time.toString()).put("lat", lat).put("lon", lon)
        .put("accuracy", 6).put("speed", 1.1).put("heading", 45).put("battery", 77);
  }

  static String batch(JsonObject... items) {
    return new JsonObject().put("checkins", new JsonArray(java.util.List.of((Object[]) items))).encode();
  }

  @Test
  void aBatchIsAcceptedPerItemAndTheRestGoesThrough() {
    String deviceToken = node.deviceToken("100002");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestNode.Reply reply = node.post("/api/v1/checkins", deviceToken, batch(
        item("a", now.minusSeconds(1000), CELL1_LAT, CELL1_LON),
        item("b", now.minusSeconds(10), 95, CELL1_LON),
        item("c", now.plus(Duration.ofHours(2)), CELL1_LAT, CELL1_LON),
        item("d", now.minusSeconds(5), 39.80, 116.20),
        new JsonObject().put("id", "e").put("lat", 1).put("lon", 1)));
    assertEquals(200, reply.status(), reply.body());
    JsonObject body = reply.json();
    assertEquals(2, body.getInteger("accepted"));
    assertEquals(3, body.getInteger("rejected"));
    JsonArray results = body.getJsonArray("results");
    assertEquals("accepted", results.getJsonObject(0).getString("status"));
    assertEquals("110101001001001", results.getJsonObject(0).getString("cell"));
    assertEquals("checkins[1].lat", results.getJsonObject(1).getString("field"));
    assertEquals("range", results.getJsonObject(1).getString("rule"));
    assertEquals("future", results.getJsonObject(2).getString("rule"));
    assertEquals("accepted", results.getJsonObject(3).getString("status"), "outside the grid: stored, not lost");
    assertNull(results.getJsonObject(3).getString("cell"));
    assertEquals(true, results.getJsonObject(3).getBoolean("outsideGrid"));
    assertEquals("checkins[4].time", results.getJsonObject(4).getString("field"));
  }

  @Test
  void aRetryIsADuplicateNotASecondRow() {
    String deviceToken = node.deviceToken("100003");
    Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    String body = batch(item(1, time, CELL1_LAT, CELL1_LON), item(2, time.plusSeconds(5), CELL1_LAT, CELL1_LON));
    assertEquals(2, node.post("/api/v1/checkins", deviceToken, body).json().getInteger("accepted"));
    JsonObject again = node.post("/api/v1/checkins", deviceToken, body).json();
    assertEquals(0, again.getInteger("accepted"));
    assertEquals(2, again.getInteger("duplicates"));
  }

  @Test
  void lateFixesGoIntoTheTrackButNeverMoveTheOfficerBackwards() {
    String deviceToken = node.deviceToken("100004");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Newest first: the fix at "now" arrives, then an offline buffer with older fixes.
    assertEquals(1, node.post("/api/v1/checkins", deviceToken,
        batch(item("n", now.minusSeconds(1), 39.9400, 116.3990))).json().getInteger("accepted"));
    assertEquals(2, node.post("/api/v1/checkins", deviceToken, batch(
        item("o2", now.minusSeconds(300), 39.9395, 116.3985),
        item("o1", now.minusSeconds(600), 39.9390, 116.3980))).json().getInteger("accepted"));

    JsonObject officer = node.get("/api/v1/officers/P0004").json();
    assertEquals("online", officer.getString("seen"));
    assertEquals(39.9400, officer.getJsonObject("position").getDouble("lat"), 1e-9);
    assertEquals("100004", officer.getJsonObject("position").getString("device"));
    assertTrue(officer.getJsonObject("position").getString("at").endsWith("+08:00"), "city time zone");

    JsonArray points = node.get("/api/v1/officers/P0004/track?from=" + now.minusSeconds(3600) + "&to=" + now)
        .json().getJsonArray("points");
    assertEquals(3, points.size());
    Instant previous = Instant.MIN;
    for (int i = 0; i < points.size(); i++) {
      Instant at = OffsetDateTime.parse(points.getJsonObject(i).getString("at")).toInstant();
      assertTrue(at.isAfter(previous), "track in fix-time order");
      previous = at;
    }
  }

  @Test
  void theTrackIsPaged() {
    String deviceToken = node.deviceToken("100005");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1000);
    JsonObject[] items = new JsonObject[5];
    for (int i = 0; i < 5; i++) {
      items[i] = item(i, start.plusSeconds(10L * i), 39.9300 + i * 0.0001, 116.40);
    }
    assertEquals(5, node.post("/api/v1/checkins", deviceToken, batch(items)).json().getInteger("accepted"));
    String range = "from=" + start.minusSeconds(1) + "&to=" + start.plusSeconds(100);
    JsonObject first = node.get("/api/v1/officers/P0005/track?limit=3&" + range).json();
    assertEquals(3, first.getJsonArray("points").size());
    assertNotNull(first.getString("next"));
    String next = java.net.URLEncoder.encode(first.getString("next"), java.nio.charset.StandardCharsets.UTF_8);
    JsonObject second = node.get("/api/v1/officers/P0005/track?limit=3&from=" + next + "&to=" + start.plusSeconds(100))
        .json();
    assertEquals(2, second.getJsonArray("points").size());
    assertNull(second.getString("next"));
  }

  @Test
  void aCellShowsItsLastVisitAndVisitsToday() {
    String deviceToken = node.deviceToken("100006");
    String code = "110101001001025";
    // Cell 025 is the south-east cell of the first community: 5 cells east and 5 south of the corner.
    double lat = 39.9405 - 4 * 0.0009;
    double lon = 116.3955 + 4 * 0.00117;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject reply = node.post("/api/v1/checkins", deviceToken, batch(
        item(1, now.minusSeconds(1800), lat, lon),
        item(2, now.minusSeconds(1790), lat, lon),
        item(3, now.minusSeconds(60), lat, lon))).json();
    assertEquals(code, reply.getJsonArray("results").getJsonObject(0).getString("cell"));
    eventually(Duration.ofSeconds(5), "the shard owner has the visit", () ->
        node.get("/api/v1/cells/" + code).json().getJsonObject("lastVisit") != null);
    JsonObject cell = node.get("/api/v1/cells/" + code).json();
    assertEquals("P0006", cell.getJsonObject("lastVisit").getString("officer"));
    assertEquals(now.minusSeconds(60), OffsetDateTime.parse(cell.getJsonObject("lastVisit").getString("at")).toInstant());
    // Two runs of fixes with a 29-minute gap: two visits (the gap limit is 10 minutes) - if both fall today.
    Instant dayStart = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
        .atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    int expected = now.minusSeconds(1800).isBefore(dayStart) ? 1 : 2;
    assertEquals(expected, cell.getInteger("visitsToday"));
    assertEquals("api", cell.getString("shardOwner"));
    assertEquals("Polygon", cell.getJsonObject("geometry").getString("type"));
  }

  @Test
  void anExplicitCellCheckInNamesAKnownCell() {
    String deviceToken = node.deviceToken("100007");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject known = item("x1", now.minusSeconds(30), CELL1_LAT, CELL1_LON).put("cell", "110101001001001")
        .put("note", "井盖完好");
    JsonObject unknown = item("x2", now.minusSeconds(20), CELL1_LAT, CELL1_LON).put("cell", "110101999999999");
    JsonArray results = node.post("/api/v1/checkins", deviceToken, batch(known, unknown)).json().getJsonArray("results");
    assertEquals("accepted", results.getJsonObject(0).getString("status"));
    assertEquals("unknown_cell", results.getJsonObject(1).getString("rule"));
    assertEquals("checkins[1].cell", results.getJsonObject(1).getString("field"));
  }

  @Test
  void badRequestsGetClearJsonErrors() {
    TestNode.Reply noToken = node.post("/api/v1/checkins", null, batch(item(1, Instant.now(), 1, 1)));
    assertEquals(401, noToken.status());
    assertEquals("Authorization", noToken.json().getJsonObject("error").getString("field"));

    TestNode.Reply wrongToken = node.post("/api/v1/checkins", "nope", batch(item(1, Instant.now(), 1, 1)));
    assertEquals(401, wrongToken.status());
    assertEquals("invalid_token", wrongToken.json().getJsonObject("error").getString("rule"));

    TestNode.Reply malformed = node.post("/api/v1/checkins", token, "{\"checkins\": [");
    assertEquals(400, malformed.status());
    assertEquals("json", malformed.json().getJsonObject("error").getString("rule"));

    TestNode.Reply wrongType = node.post("/api/v1/checkins", token, "{\"checkins\": 5}");
    assertEquals(400, wrongType.status());
    assertEquals("checkins", wrongType.json().getJsonObject("error").getString("field"));

    JsonObject[] tooMany = new JsonObject[501];
    java.util.Arrays.fill(tooMany, item(1, Instant.now(), 1, 1));
    TestNode.Reply large = node.post("/api/v1/checkins", token, batch(tooMany));
    assertEquals(400, large.status());
    assertEquals("size", large.json().getJsonObject("error").getString("rule"));

    TestNode.Reply huge = node.post("/api/v1/checkins", token, "{\"checkins\": [\"" + "x".repeat(1_100_000) + "\"]}");
    assertEquals(413, huge.status());
    assertEquals("too_large", huge.json().getJsonObject("error").getString("rule"));

    TestNode.Reply badCell = node.get("/api/v1/cells/abc");
    assertEquals(400, badCell.status());
    assertEquals("code", badCell.json().getJsonObject("error").getString("field"));
    assertEquals(404, node.get("/api/v1/cells/110101999999999").status());
    assertEquals(404, node.get("/api/v1/officers/NOBODY").status());
    TestNode.Reply badRange = node.get("/api/v1/officers/P0001/track?from=2026-11-22&to=2026-11-01");
    assertEquals(400, badRange.status());
    assertEquals("to", badRange.json().getJsonObject("error").getString("field"));
    assertEquals(404, node.get("/api/v1/nothing-here").status());
    assertEquals("not_found", node.get("/api/v1/nothing-here").json().getJsonObject("error").getString("rule"));
  }

  @Test
  void cellsAreListedAPageAtATime() {
    JsonObject first = node.get("/api/v1/cells?prefix=110101001&limit=30").json();
    JsonArray cells = first.getJsonArray("cells");
    assertEquals(30, cells.size());
    assertEquals("110101001001001", cells.getJsonObject(0).getString("code"));
    String next = first.getString("next");
    assertEquals(cells.getJsonObject(29).getString("code"), next);
    // A street of the demo city has 4 communities of 25 cells.
    JsonObject rest = node.get("/api/v1/cells?prefix=110101001&limit=100&after=" + next).json();
    assertEquals(70, rest.getJsonArray("cells").size());
    assertNull(rest.getString("next"));
    JsonObject geojson = node.get("/api/v1/cells?prefix=110101001001&format=geojson").json();
    assertEquals("FeatureCollection", geojson.getString("type"));
    assertEquals(25, geojson.getJsonArray("features").size());
    assertEquals(400, node.get("/api/v1/cells?prefix=abc").status());
    assertEquals(400, node.get("/api/v1/cells?limit=0").status());
  }

  @Test
  void theCalendarShowsWhatTheSystemBelieves() {
    JsonObject year = node.get("/api/v1/calendar?year=2026").json();
    assertEquals("CN", year.getString("region"));
    JsonArray days = year.getJsonArray("days");
    assertEquals(365, days.size());
    JsonObject nationalDay = days.getJsonObject(273); // 2026-10-01
    assertEquals("2026-10-01", nationalDay.getString("date"));
    assertEquals("holiday", nationalDay.getString("type"));
    assertEquals("national_day", nationalDay.getString("period"));
    JsonObject makeup = days.getJsonObject(282); // Saturday 2026-10-10
    assertEquals("makeup_working_day", makeup.getString("type"));
    assertEquals(true, makeup.getBoolean("working"));
    assertTrue(year.getJsonArray("periods").stream().map(p -> ((JsonObject) p).getString("nameZh")).toList()
        .contains("春节"));
    TestNode.Reply uncovered = node.get("/api/v1/calendar?year=2031");
    assertEquals(404, uncovered.status());
    assertEquals("year_not_covered", uncovered.json().getJsonObject("error").getString("rule"));
    assertEquals(400, node.get("/api/v1/calendar?year=soon").status());
  }

  @Test
  void operationsEndpointsAnswer() {
    assertEquals(200, node.get("/health").status());
    JsonObject ready = node.get("/ready").json();
    assertEquals("ready", ready.getString("status"));
    assertEquals(1600, ready.getInteger("cells"));
    String metrics = node.get("/metrics").body();
    assertTrue(metrics.contains("gridpatrol_checkins_total"), "check-in counters exported");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics exported");
    assertTrue(metrics.contains("vertx_"), "Vert.x metrics exported");
  }

  @Test
  void anExplicitCheckInCountsOnlyNearTheCellItClaims() {
    String deviceToken = node.deviceToken("100005");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // From inside cell 001, a claim of cell 003, some 150 m east: stored as the fix it is, flagged, not a visit.
    JsonObject far = item("far", now.minusSeconds(120), CELL1_LAT, CELL1_LON).put("accuracy", 5)
        .put("cell", "110101001001003");
    JsonObject farResult = node.post("/api/v1/checkins", deviceToken, batch(far)).json().getJsonArray("results")
        .getJsonObject(0);
    assertEquals("accepted", farResult.getString("status"), farResult.encode());
    assertEquals("110101001001001", farResult.getString("cell"), "the cell the fix is in");
    assertEquals(true, farResult.getBoolean("claimOutsideCell"), farResult.encode());
    JsonObject cell3 = node.get("/api/v1/cells/110101001001003").json();
    assertTrue(cell3.getJsonObject("lastVisit") == null
        || !"P0005".equals(cell3.getJsonObject("lastVisit").getString("officer")), cell3.encode());

    // 17 m west of cell 002 with 5 m accuracy: within accuracy + 30 m, so the claim counts.
    JsonObject near = item("near", now.minusSeconds(60), CELL1_LAT, 116.3961713 - 0.0002).put("accuracy", 5)
        .put("cell", "110101001001002");
    JsonObject nearResult = node.post("/api/v1/checkins", deviceToken, batch(near)).json().getJsonArray("results")
        .getJsonObject(0);
    assertEquals("110101001001002", nearResult.getString("cell"), nearResult.encode());
    assertNull(nearResult.getValue("claimOutsideCell"));
    eventually(java.time.Duration.ofSeconds(5), "the claim is cell 002's last visit", () -> {
      JsonObject visit = node.get("/api/v1/cells/110101001001002").json().getJsonObject("lastVisit");
      return visit != null && "P0005".equals(visit.getString("officer"));
    });
  }
}
