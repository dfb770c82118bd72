package org.gridpatrol.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.gridpatrol.domain.checkin.Fix;
import org.gridpatrol.web.InputException;
import org.junit.jupiter.api.Test;

class OsmAndDecoderTest {
  private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

  private static MultiMap query(String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      params.add(kv[0], kv.length > 1 ? kv[1] : "");
    }
    return params;
  }

  @Test
  void decodesTheTraccarExampleRequest() {
    OsmAndDecoder.Request r = OsmAndDecoder.decodeParameters(
        query("id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=10.0&bearing=370.0&altitude=0&hdop=1.5&batt=88&charge=true"),
        NOW);
    assertEquals("123456", r.uniqueId());
    Fix fix = r.item().fix();
    assertEquals(Instant.ofEpochSecond(1377177267), fix.fixTime());
    assertEquals(60.0, fix.lat());
    assertEquals(30.0, fix.lon());
    assertEquals(10.0 * 1852 / 3600, fix.speed(), 1e-9, "speed arrives in knots");
    assertEquals(10.0, fix.heading(), 1e-9);
    assertEquals(88.0, fix.battery());
    assertEquals(1.5, r.item().attributes().getDouble("hdop"));
    assertEquals("true", r.item().attributes().getString("charge"));
    assertEquals("", r.item().clientRef());
  }

  @Test
  void acceptsEveryTimeFormatAndDefaultsToNow() {
    assertEquals(Instant.ofEpochMilli(1377177267123L),
        OsmAndDecoder.decodeParameters(query("id=1&lat=1&lon=1&timestamp=1377177267123"), NOW).item().fix().fixTime());
    assertEquals(Instant.parse("2026-11-22T01:02:03Z"),
        OsmAndDecoder.decodeParameters(query("id=1&lat=1&lon=1&timestamp=2026-11-22T09:02:03+08:00"), NOW).item().fix().fixTime());
    assertEquals(Instant.parse("2026-11-22T01:02:03Z"),
        OsmAndDecoder.decodeParameters(query("id=1&lat=1&lon=1&timestamp=2026-11-22 01:02:03"), NOW).item().fix().fixTime());
    assertEquals(NOW, OsmAndDecoder.decodeParameters(query("deviceid=1&lat=1&lon=1"), NOW).item().fix().fixTime());
  }

  @Test
  void readsLocationAndValidity() {
    OsmAndDecoder.Request r = OsmAndDecoder.decodeParameters(query("id=9&location=39.9,116.4&valid=false&speed=-1"), NOW);
    assertEquals(39.9, r.item().fix().lat());
    assertEquals(116.4, r.item().fix().lon());
    assertFalse(r.item().fix().valid());
    assertNull(r.item().fix().speed(), "negative speed means unknown");
  }

  @Test
  void badParametersNameTheirField() {
    assertEquals("id", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeParameters(query("lat=1&lon=1"), NOW)).error().field());
    assertEquals("lat", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeParameters(query("id=1&lat=abc&lon=1"), NOW)).error().field());
    assertEquals("lon", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeParameters(query("id=1&lat=1"), NOW)).error().field());
    assertEquals("timestamp", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeParameters(query("id=1&lat=1&lon=1&timestamp=soon"), NOW)).error().field());
    assertEquals("location", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeParameters(query("id=1&location=1"), NOW)).error().field());
  }

  @Test
  void decodesTraccarClientJson() {
    JsonObject body = new JsonObject("""
        {"device_id": "100001", "location": {"timestamp": "2026-11-22T01:00:00.000Z",
          "coords": {"latitude": 39.9, "longitude": 116.4, "accuracy": 8, "speed": 1.5, "heading": -1,
                     "altitude": 50},
          "is_moving": true, "odometer": 1234, "event": "motionchange",
          "battery": {"level": 0.42, "is_charging": false}, "activity": {"type": "walking"},
          "extras": {"shift": "night"}}}""");
    OsmAndDecoder.Request r = OsmAndDecoder.decodeJson(body);
    assertEquals("100001", r.uniqueId());
    Fix fix = r.item().fix();
    assertEquals(Instant.parse("2026-11-22T01:00:00Z"), fix.fixTime());
    assertEquals(1.5, fix.speed(), "JSON speed is already m/s");
    assertNull(fix.heading(), "negative heading means unknown");
    assertEquals(42.0, fix.battery(), 1e-9);
    assertEquals("walking", r.item().attributes().getJsonObject("activity").getString("type"));
    assertEquals(false, r.item().attributes().getBoolean("charge"));
  }

  @Test
  void badJsonNamesItsField() {
    assertEquals("device_id", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeJson(new JsonObject("{\"location\": {}}"))).error().field());
    assertEquals("location.coords", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeJson(new JsonObject("{\"device_id\": 1, \"location\": {\"timestamp\": 1}}"))).error().field());
    assertEquals("location.coords.latitude", assertThrows(InputException.class,
        () -> OsmAndDecoder.decodeJson(new JsonObject(
            "{\"device_id\": 1, \"location\": {\"timestamp\": 1, \"coords\": {\"latitude\": 95, \"longitude\": 1}}}")))
        .error().field());
  }
}
