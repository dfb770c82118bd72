package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input against every endpoint of a real node: the answer is always a 4xx (or 2xx) with a
 * JSON error naming a field, never a 500, and the node keeps serving.
 */
class BadInputTest {
  @TempDir
  static Path dataDir;
  static TestNode node;
  /** A case for the hostile requests about one case to aim at. */
  static long caseId;

  @BeforeAll
  static void start() {
    node = TestNode.start("bad-input", dataDir, Map.of());
    caseId = node.post("/api/v1/cases", node.adminToken(), "{\"category\":\"E0101\",\"cell\":\"110101001001001\","
        + "\"description\":\"x\",\"actor\":\"test\"}").json().getLong("id");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Bodies a broken or malicious client might send. */
  static List<String> bodies() {
    List<String> bodies = new ArrayList<>(List.of(
        "", " ", "null", "true", "42", "\"text\"", "[]", "{}", "{\"checkins\": null}",
        "{\"checkins\": [null]}", "{\"checkins\": [[]]}", "{\"checkins\": {\"a\": 1}}",
        "{\"checkins\": [{\"id\": {}, \"time\": [], \"lat\": {}, \"lon\": []}]}",
        "{\"checkins\": [{\"id\": 1, \"time\": 99999999999999999999999, \"lat\": 1e400, \"lon\": -1e400}]}",
        "{\"checkins\": [{\"id\": 1, \"time\": \"NaN\", \"lat\": \"NaN\", \"lon\": \"Infinity\"}]}",
        "{\"checkins\": [{\"id\": \"" + "9".repeat(100) + "\", \"time\": 1, \"lat\": 1, \"lon\": 1}]}",
        "{\"checkins\": [{\"id\": 1, \"time\": \"2026-13-45T99:99:99Z\", \"lat\": 1, \"lon\": 1}]}",
        "{\"checkins\": [{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"note\": \"\\u0000\\ud800\"}]}",
        "{\"checkins\": [{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"cell\": 110101001001001}]}",
        "{\"device_id\": [], \"location\": \"x\"}",
        "{\"device_id\": \"100001\", \"location\": {\"timestamp\": {}, \"coords\": []}}",
        "{\"uniqueId\": [], \"officer\": 5}",
        "{\"username\": [], \"password\": {}}", "{\"username\": \"admin\", \"password\": \"" + "x".repeat(5000) + "\"}",
        "{\"username\": \"new.one\", \"displayName\": \"\u0000\", \"role\": \"king\", \"areas\": \"all\"}",
        "{\"username\": \"new.one\", \"displayName\": \"x\", \"role\": \"operator\", \"areas\": [\"110101\", 5],"
            + " \"password\": \"long-enough-password\"}",
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\","
            + " \"coordinates\": [[[1]]]}, \"properties\": null}]}",
        "{\"type\": \"FeatureCollection\", \"features\": 5}",
        "[".repeat(5000) + "]".repeat(5000),
        "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
        "\u00ff\u00fe\u0000binary"));
    Random random = new Random(20261122);
    for (int i = 0; i < 20; i++) {
      byte[] bytes = new byte[random.nextInt(2000)];
      random.nextBytes(bytes);
      bodies.add(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    return bodies;
  }

  private static void assertClientError(TestNode.Reply reply, String what) {
    assertTrue(reply.status() < 500, what + " gave " + reply.status() + ": " + reply.body());
    if (reply.status() >= 400) {
      JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
      assertNotNull(error.getString("field"), what);
      assertNotNull(error.getString("rule"), what);
    }
  }

  @Test
  void brokenBodiesNeverCauseA500() {
    String device = node.deviceToken("100051");
    String admin = node.adminToken();
    for (String body : bodies()) {
      String what = "body " + body.substring(0, Math.min(60, body.length()));
      assertClientError(node.post("/api/v1/checkins", device, body), "checkins " + what);
      assertClientError(node.post("/api/v1/admin/grid", admin, body), "grid " + what);
      assertClientError(node.post("/api/v1/devices", admin, body), "devices " + what);
      assertClientError(node.post("/api/v1/teams", admin, body), "teams " + what);
      assertClientError(node.post("/api/v1/officers", admin, body), "officers " + what);
      assertClientError(node.put("/api/v1/officers/P0001", admin, body), "officer change " + what);
      assertClientError(node.post("/api/v1/plans", admin, body), "plan " + what);
      assertClientError(node.put("/api/v1/plans/1", admin, body), "plan change " + what);
      assertClientError(node.post("/api/v1/cases", device, body), "case by device " + what);
      assertClientError(node.post("/api/v1/cases", admin, body), "case " + what);
      for (String action : new String[] {"transitions", "assign", "acknowledge", "comments", "photos"}) {
        assertClientError(node.post("/api/v1/cases/" + caseId + "/" + action, admin, body), action + " " + what);
      }
      assertClientError(node.put("/api/v1/categories/E0101", admin, body), "category " + what);
      assertClientError(node.put("/api/v1/escalation-policies/standard", admin, body), "policy " + what);
      assertClientError(node.post("/api/v1/login", null, body), "login " + what);
      assertClientError(node.post("/api/v1/users", admin, body), "new account " + what);
      assertClientError(node.put("/api/v1/users/admin", admin, body), "account change " + what);
      assertClientError(node.osmand(HttpRequest.newBuilder(node.osmandUri("/"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))),
          "osmand json " + what);
      assertClientError(node.osmand(HttpRequest.newBuilder(node.osmandUri("/"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body))), "osmand form " + what);
    }
    assertEquals(200, node.get("/ready").status(), "the node still serves");
  }

  @Test
  void brokenParametersNeverCauseA500() {
    String[] values = {"", "%00", "NaN", "-1", "1e999", "9".repeat(40), "2026-11-22T25:00:00+08:00", "..", "%E4%B8",
        "110101001001001'--", "<script>"};
    for (String raw : values) {
      String value = raw.startsWith("%") ? raw : URLEncoder.encode(raw, StandardCharsets.UTF_8);
      assertClientError(node.get("/api/v1/cells/" + value), "cell " + raw);
      assertClientError(node.get("/api/v1/cells?prefix=" + value + "&after=" + value + "&limit=" + value), "cells " + raw);
      assertClientError(node.get("/api/v1/officers/" + value), "officer " + raw);
      assertClientError(node.get("/api/v1/officers/P0001/track?from=" + value + "&to=" + value + "&limit=" + value),
          "track " + raw);
      assertClientError(node.get("/api/v1/officers/P0001/track?format=" + value), "track format " + raw);
      assertClientError(node.get("/api/v1/officers/P0001/track?format=gpx&from=" + value + "&to=" + value),
          "track file " + raw);
      assertClientError(node.get("/api/v1/cases/" + value), "case " + raw);
      assertClientError(node.get("/api/v1/cases?status=" + value + "&category=" + value + "&cell=" + value
          + "&from=" + value + "&to=" + value + "&after=" + value + "&limit=" + value), "cases " + raw);
      assertClientError(node.get("/api/v1/cases?format=" + value), "cases format " + raw);
      assertClientError(node.get("/api/v1/cases?format=csv&status=" + value + "&category=" + value + "&cell=" + value
          + "&from=" + value + "&to=" + value), "cases file " + raw);
      assertClientError(node.get("/api/v1/cases/" + caseId + "/photos/" + value, node.adminToken()), "photo " + raw);
      assertClientError(node.get("/api/v1/alerts?status=" + value + "&cell=" + value + "&plan=" + value + "&from="
          + value + "&limit=" + value), "alerts " + raw);
      assertClientError(node.get("/api/v1/alerts?after=" + value), "alerts after " + raw);
      assertClientError(node.get("/api/v1/notifications?status=" + value + "&case=" + value + "&after=" + value,
          node.adminToken()), "notifications " + raw);
      assertClientError(node.post("/api/v1/notifications/" + value + "/replay", node.adminToken(), ""),
          "replay " + raw);
      assertClientError(node.get("/api/v1/reports/evaluation?from=" + value + "&to=" + value + "&by=" + value
          + "&format=" + value), "evaluation " + raw);
      assertClientError(node.get("/api/v1/plans/" + value + "/coverage?window=" + value + "&at=" + value),
          "coverage " + raw);
      assertClientError(node.get("/api/v1/calendar?year=" + value), "calendar " + raw);
      assertClientError(node.get("/api/v1/plans?windowsOn=" + value + "&retired=" + value), "plans " + raw);
      assertClientError(node.osmand(HttpRequest.newBuilder(node.osmandFix("100051", "lat=" + value + "&lon="
          + value + "&timestamp=" + value + "&speed=" + value + "&batt=" + value)).GET()), "osmand " + raw);
    }
    assertEquals(200, node.get("/ready").status(), "the node still serves");
  }

  @Test
  void pathsAndPagesThatNameNothingAreClientErrors() {
    String admin = node.adminToken();
    for (String path : new String[] {"/api/v1/users?offset=-1", "/api/v1/users/%00", "/api/v1/users/%00/sessions",
        "/api/v1/teams/%00", "/api/v1/officers/%00", "/api/v1/devices/%00", "/api/v1/departments/%00",
        "/api/v1/officers?offset=-5", "/api/v1/plans/%00"}) {
      TestNode.Reply reply = path.endsWith("/sessions") ? node.delete(path, admin) : node.get(path, admin);
      assertTrue(reply.status() >= 400 && reply.status() < 500, path + ": " + reply.status() + " " + reply.body());
      assertTrue(reply.body().contains("\"error\""), path + ": " + reply.body());
    }
  }

  @Test
  void aMalformedPercentEscapeInAQueryIsA400NamingTheQuery() {
    for (String query : new String[] {"lat=%zz", "lat=%E", "id=100051&lat=39.9%"}) {
      for (boolean osmand : new boolean[] {true, false}) {
        TestNode.Reply reply = node.raw(osmand, (osmand ? "/?" : "/api/v1/alerts?") + query);
        String what = (osmand ? "OsmAnd " : "API ") + query;
        assertEquals(400, reply.status(), what + ": " + reply.body());
        JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
        assertEquals("query", error.getString("field"), what);
        assertEquals("malformed", error.getString("rule"), what);
      }
    }
  }
}
