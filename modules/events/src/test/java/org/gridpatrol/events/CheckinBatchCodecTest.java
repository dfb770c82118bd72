package org.gridpatrol.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckinBatchCodecTest {
  private final CheckinBatchCodec codec = new CheckinBatchCodec();
  private final CheckinBatch batch = new CheckinBatch(List.of(
      new CheckinEvent("100001", 7L, "P0001", 12L, "110101001001012", 47, Instant.parse("2026-11-22T01:02:03.456Z"),
          Instant.parse("2026-11-22T01:02:05Z"), Instant.parse("2026-11-22T01:02:05.020Z"), 39.9385, 116.3965, 90.0, false),
      new CheckinEvent("100002", null, null, null, null, -1, Instant.parse("2026-11-22T01:02:04Z"),
          Instant.parse("2026-11-22T01:02:06Z"), Instant.parse("2026-11-22T01:02:06.007Z"), 39.0, 116.0,
          null, true)));

  @Test
  void survivesTheWireBetweenNodes() {
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, batch);
    assertEquals(batch, codec.decodeFromWire("header".length(), wire));
  }

  @Test
  void isHandedOverAsItIsWithinANode() {
    assertSame(batch, codec.transform(batch));
  }

  @Test
  void hasTheDocumentedJsonShape() {
    var json = batch.toJson().getJsonArray("checkins").getJsonObject(0);
    assertEquals("P0001", json.getString("officer"));
    assertEquals(Instant.parse("2026-11-22T01:02:03.456Z").toEpochMilli(), json.getLong("fixTime"));
    assertEquals("110101001001012", json.getString("cell"));
  }
}
