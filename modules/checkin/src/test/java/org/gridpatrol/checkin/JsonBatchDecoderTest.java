package org.gridpatrol.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import org.gridpatrol.web.FieldError;
import org.gridpatrol.web.InputException;
import org.junit.jupiter.api.Test;

class JsonBatchDecoderTest {
  private final JsonBatchDecoder decoder = new JsonBatchDecoder(3);

  private List<Decoded> decode(String json) {
    return decoder.decode(Buffer.buffer(json));
  }

  private static FieldError errorOf(Runnable call) {
    return assertThrows(InputException.class, call::run).error();
  }

  @Test
  void decodesAFullItem() {
    Decoded d = decode("""
        {"checkins": [{"id": "a1", "time": "2026-11-22T09:00:00+08:00", "lat": 39.91, "lon": 116.4,
          "accuracy": 4.5, "speed": 1.2, "heading": 90, "altitude": 44, "battery": 80,
          "cell": "110101001001007", "note": "manhole ok", "floor": 2}]}""").get(0);
    assertTrue(d.ok());
    CheckinItem item = d.item();
    assertEquals("a1", item.clientRef());
    assertEquals(Instant.parse("2026-11-22T01:00:00Z"), item.fix().fixTime());
    assertEquals(39.91, item.fix().lat());
    assertEquals(116.4, item.fix().lon());
    assertEquals(4.5, item.fix().accuracy());
    assertEquals(1.2, item.fix().speed());
    assertEquals(80.0, item.fix().battery());
    assertEquals("110101001001007", item.claimedCell());
    assertEquals("manhole ok", item.note());
    assertEquals(2, item.attributes().getInteger("floor"), "unknown fields are kept as attributes");
  }

  @Test
  void numericIdsAndEpochMillisecondsAreAccepted() {
    Decoded d = decode("{\"checkins\": [{\"id\": 7, \"time\": 1795315200000, \"lat\": 1, \"lon\": 2}]}").get(0);
    assertEquals("7", d.item().clientRef());
    assertEquals(Instant.ofEpochMilli(1795315200000L), d.item().fix().fixTime());
    assertNull(d.item().attributes());
  }

  @Test
  void aBadItemFailsAloneAndNamesItsField() {
    List<Decoded> items = decode("""
        {"checkins": [
          {"id": 1, "time": "2026-11-22T01:00:00Z", "lat": 91, "lon": 116},
          {"id": 2, "time": "2026-11-22T01:00:00Z", "lat": 39.9, "lon": 116.4},
          {"id": 3, "lat": 39.9, "lon": 116.4}]}""");
    assertEquals("checkins[0].lat", items.get(0).error().field());
    assertEquals("range", items.get(0).error().rule());
    assertEquals("1", items.get(0).clientRef());
    assertTrue(items.get(1).ok());
    assertEquals("checkins[2].time", items.get(2).error().field());
    assertEquals("required", items.get(2).error().rule());
  }

  @Test
  void everyItemRuleIsReported() {
    String[][] cases = {
        {"{\"time\": 1, \"lat\": 1, \"lon\": 1}", "checkins[0].id", "required"},
        {"{\"id\": true, \"time\": 1, \"lat\": 1, \"lon\": 1}", "checkins[0].id", "type"},
        {"{\"id\": 1, \"time\": \"yesterday\", \"lat\": 1, \"lon\": 1}", "checkins[0].time", "time"},
        {"{\"id\": 1, \"time\": 1, \"lon\": 1}", "checkins[0].lat", "required"},
        {"{\"id\": 1, \"time\": 1, \"lat\": \"north\", \"lon\": 1}", "checkins[0].lat", "number"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 181}", "checkins[0].lon", "range"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"accuracy\": -1}", "checkins[0].accuracy", "range"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"battery\": 101}", "checkins[0].battery", "range"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"cell\": \"12\"}", "checkins[0].cell", "cell_code"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"note\": 5}", "checkins[0].note", "type"},
        {"{\"id\": 1, \"time\": -5, \"lat\": 1, \"lon\": 1}", "checkins[0].time", "time"},
        {"\"text\"", "checkins[0]", "object"},
        {"{\"id\": \"a\\nb\", \"time\": 1, \"lat\": 1, \"lon\": 1}", "checkins[0].id", "identifier"},
        {"{\"id\": \"" + "x".repeat(65) + "\", \"time\": 1, \"lat\": 1, \"lon\": 1}", "checkins[0].id", "identifier"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"note\": \"a\\u0000b\"}", "checkins[0].note", "text"},
        {"{\"id\": 1, \"time\": 1, \"lat\": 1, \"lon\": 1, \"x\": {\"y\": \"\\u0000\"}}", "checkins[0].attributes", "text"},
    };
    for (String[] c : cases) {
      Decoded d = decode("{\"checkins\": [" + c[0] + "]}").get(0);
      assertEquals(c[1], d.error().field(), c[0]);
      assertEquals(c[2], d.error().rule(), c[0]);
    }
  }

  @Test
  void aBadBodyFailsWhole() {
    assertEquals("json", errorOf(() -> decode("{not json")).rule());
    assertEquals("json", errorOf(() -> decode("[1, 2]")).rule());
    assertEquals("required", errorOf(() -> decode("")).rule());
    assertEquals("checkins", errorOf(() -> decode("{\"items\": []}")).field());
    assertEquals("size", errorOf(() -> decode("{\"checkins\": []}")).rule());
    FieldError tooMany = errorOf(() -> decode("{\"checkins\": [{}, {}, {}, {}]}"));
    assertEquals("size", tooMany.rule());
    assertTrue(tooMany.message().contains("at most 3"));
  }
}
