package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LoadResultTest {
  private static final LoadResult RESULT = new LoadResult("batch", 32, 50, 30.0, 36_000, 1_800_000, 10, 5, 2,
      12_500, 48_000, 310_000, 14_250.5);

  @Test
  void ratesAreOverTheMeasuredWindow() {
    assertEquals(60_000, RESULT.checkinsPerSecond(), 1e-9);
    assertEquals(1_200, RESULT.requestsPerSecond(), 1e-9);
  }

  @Test
  void jsonCarriesTheFiguresInMilliseconds() {
    JsonObject json = new JsonObject(RESULT.toJson());
    assertEquals("batch", json.getString("scenario"));
    assertEquals(32, json.getInteger("connections"));
    assertEquals(60_000.0, json.getDouble("checkinsPerSecond"));
    assertEquals(1_200.0, json.getDouble("requestsPerSecond"));
    assertEquals(1_800_000L, json.getLong("acceptedCheckins"));
    assertEquals(12.5, json.getDouble("p50Ms"));
    assertEquals(48.0, json.getDouble("p99Ms"));
    assertEquals(310.0, json.getDouble("maxMs"));
    assertEquals(2, json.getInteger("errors"));
  }

  @Test
  void anEmptyWindowHasNoRate() {
    LoadResult empty = new LoadResult("osmand", 64, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(0, empty.checkinsPerSecond());
    assertTrue(empty.toText().contains("OsmAnd"));
  }
}
