package org.gridpatrol.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OsmAnd intake as Traccar Client uses it, on its own port, with Traccar's replies. */
class OsmAndTest {
  @TempDir
  static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start("osmand", dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static TestNode.Reply get(String query) {
    return node.osmand(HttpRequest.newBuilder(node.osmandUri("/?" + query)).GET());
  }

  /** A fix of a demo device with its key, as its Traccar Client sends it. */
  private static TestNode.Reply fix(String uniqueId, String query) {
    return node.osmand(HttpRequest.newBuilder(node.osmandFix(uniqueId, query)).GET());
  }

  @Test
  void aQueryStringFixIsStoredAndAnsweredWithAnEmptyOk() {
    long seconds = Instant.now().getEpochSecond() - 30;
    TestNode.Reply reply = fix("100011", "timestamp=" + seconds
        + "&lat=39.9405&lon=116.3955&speed=2.0&bearing=90&altitude=40&accuracy=8&batt=64&hdop=0.9");
    assertEquals(200, reply.status());
    assertEquals("", reply.body());
    JsonObject position = node.get("/api/v1/officers/P0011").json().getJsonObject("position");
    assertEquals(39.9405, position.getDouble("lat"), 1e-9);
    assertEquals(2.0 * 1852 / 3600, position.getDouble("speed"), 1e-3, "knots become m/s");
    assertEquals(64.0, position.getDouble("battery"), 1e-9);
    assertEquals("110101001001001", position.getString("cell"));
  }

  @Test
  void aFormPostWorksLikeAQuery() {
    long seconds = Instant.now().getEpochSecond() - 20;
    // The key may also come as a parameter, here in the form.
    TestNode.Reply reply = node.osmand(HttpRequest.newBuilder(node.osmandUri("/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("key=" + node.osmandKey("100012") + "&deviceid=100012&timestamp=" + seconds + "&location=39.9405,116.3955")));
    assertEquals(200, reply.status());
    assertEquals("online", node.get("/api/v1/officers/P0012").json().getString("seen"));
  }

  @Test
  void traccarClientJsonIsAccepted() {
    String body = new JsonObject()
        .put("device_id", "100013")
        .put("location", new JsonObject()
            .put("timestamp", Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS).toString())
            .put("coords", new JsonObject().put("latitude", 39.9404).put("longitude", 116.3956)
                .put("accuracy", 5).put("speed", 1.4).put("heading", 180).put("altitude", 45))
            .put("is_moving", true)
            .put("battery", new JsonObject().put("level", 0.5).put("is_charging", false)))
        .encode();
    TestNode.Reply reply = node.osmand(HttpRequest.newBuilder(node.osmandUri("/k/" + node.osmandKey("100013")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(200, reply.status());
    JsonObject position = node.get("/api/v1/officers/P0013").json().getJsonObject("position");
    assertEquals(1.4, position.getDouble("speed"), 1e-6);
    assertEquals(50.0, position.getDouble("battery"), 1e-6);
  }

  @Test
  void unknownAndMissingDevicesGetTraccarsStatusCodes() {
    assertEquals(400, get("id=999999&lat=39.9&lon=116.4").status());
    TestNode.Reply missing = get("lat=39.9&lon=116.4");
    assertEquals(400, missing.status());
    assertEquals("id", missing.json().getJsonObject("error").getString("field"));
    TestNode.Reply unknownJson = node.osmand(HttpRequest.newBuilder(node.osmandUri("/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"device_id\": \"999999\", \"location\": {\"timestamp\": \"2026-01-01T00:00:00Z\","
                + " \"coords\": {\"latitude\": 1, \"longitude\": 1}}}")));
    assertEquals(404, unknownJson.status());
  }

  @Test
  void badValuesAreRefusedWithTheirFieldAndFilteredFixesAreDroppedQuietly() {
    TestNode.Reply badLat = fix("100014", "lat=91&lon=116.4");
    assertEquals(400, badLat.status());
    assertEquals("lat", badLat.json().getJsonObject("error").getString("field"));
    TestNode.Reply badJson = node.osmand(HttpRequest.newBuilder(node.osmandUri("/"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{oops")));
    assertEquals(400, badJson.status());
    // A fix the device marks invalid is dropped by the filter, but the handheld must not resend it for ever.
    assertEquals(200, fix("100014", "lat=39.9&lon=116.4&valid=false").status());
    assertEquals("never_seen", node.get("/api/v1/officers/P0014").json().getString("seen"));
  }
}
