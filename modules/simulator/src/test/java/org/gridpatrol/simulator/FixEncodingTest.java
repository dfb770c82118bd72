package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixEncodingTest {
  private static final GpsFix FIX = new GpsFix(42, 1_700_000_000L, 39.912345678, 116.40123456, 7.25, 1.25, 271.04, 83);

  @Test
  void writesTheJsonApiBatch() {
    GpsFix second = new GpsFix(43, 1_700_000_001L, 39.9, -0.5, 3, 1, 0, 82);
    JsonArray checkins = new JsonObject(FixEncoding.jsonBatch(List.of(FIX, second))).getJsonArray("checkins");
    assertEquals(2, checkins.size());
    JsonObject first = checkins.getJsonObject(0);
    assertEquals("42", first.getString("id"));
    assertEquals(1_700_000_000_000L, first.getLong("time"));
    assertEquals(39.9123457, first.getDouble("lat"), 1e-12);
    assertEquals(116.4012346, first.getDouble("lon"), 1e-12);
    assertEquals(7.3, first.getDouble("accuracy"), 1e-12);
    assertEquals(1.25, first.getDouble("speed"), 1e-12);
    assertEquals(271.0, first.getDouble("heading"), 1e-12);
    assertEquals(83, first.getInteger("battery"));
    assertEquals(-0.5, checkins.getJsonObject(1).getDouble("lon"), 1e-12);
  }

  @Test
  void writesTheOsmAndQueryInSecondsAndKnots() {
    String uri = FixEncoding.osmAndQuery("10&01", "Key_-1", FIX);
    assertEquals("/k/Key_-1", URI.create(uri).getRawPath());
    Map<String, String> params = new HashMap<>();
    for (String pair : URI.create(uri).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertEquals("10&01", params.get("id"));
    assertEquals("1700000000", params.get("timestamp"));
    assertEquals("39.9123457", params.get("lat"));
    assertEquals("116.4012346", params.get("lon"));
    assertEquals(1.25 * 3600 / 1852, Double.parseDouble(params.get("speed")), 0.005);
    assertEquals("271.0", params.get("bearing"));
    assertEquals("7.3", params.get("accuracy"));
    assertEquals("83", params.get("batt"));
  }

  @Test
  void roundsToFixedDecimals() {
    assertEquals("39.9123457", fixed(39.91234567, 7));
    assertEquals("-1.50", fixed(-1.5, 2));
    assertEquals("0.05", fixed(0.049999, 2));
    assertEquals("0.0", fixed(-0.01, 1));
    assertEquals("10", fixed(9.6, 0));
    assertEquals("1.0000000", fixed(0.99999999, 7));
  }

  private static String fixed(double value, int decimals) {
    StringBuilder out = new StringBuilder();
    FixEncoding.appendFixed(out, value, decimals);
    return out.toString();
  }
}
