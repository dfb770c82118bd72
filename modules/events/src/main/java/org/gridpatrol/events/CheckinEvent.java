package org.gridpatrol.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An accepted, committed check-in as other verticles see it.
 *
 * @param cellId null when the fix lies outside every cell
 * @param shard the shard of the cell, -1 outside every cell
 */
public record CheckinEvent(String deviceUniqueId, Long officerId, String officerCode, Long cellId,
                           String cellCode, int shard, Instant fixTime, double lat, double lon, Double heading,
                           boolean explicitCell) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("device", deviceUniqueId)
        .put("officerId", officerId)
        .put("officer", officerCode)
        .put("cellId", cellId)
        .put("cell", cellCode)
        .put("shard", shard)
        .put("fixTime", fixTime.toString())
        .put("lat", lat)
        .put("lon", lon)
        .put("heading", heading)
        .put("explicitCell", explicitCell);
  }

  public static CheckinEvent fromJson(JsonObject json) {
    return new CheckinEvent(
        json.getString("device"),
        json.getLong("officerId"),
        json.getString("officer"),
        json.getLong("cellId"),
        json.getString("cell"),
        json.getInteger("shard"),
        Instant.parse(json.getString("fixTime")),
        json.getDouble("lat"),
        json.getDouble("lon"),
        json.getDouble("heading"),
        json.getBoolean("explicitCell", false));
  }

  /** Several events in one message: {"checkins": [...]}. */
  public static JsonObject toBatch(List<CheckinEvent> events) {
    JsonArray array = new JsonArray(new ArrayList<>(events.size()));
    events.forEach(e -> array.add(e.toJson()));
    return new JsonObject().put("checkins", array);
  }

  public static List<CheckinEvent> fromBatch(JsonObject batch) {
    JsonArray array = batch.getJsonArray("checkins");
    List<CheckinEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(fromJson(array.getJsonObject(i)));
    }
    return events;
  }
}
