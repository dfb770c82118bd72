package org.gridpatrol.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * An accepted, committed check-in as other verticles see it.
 *
 * @param cellId null when the fix lies outside every cell
 * @param shard the shard of the cell, -1 outside every cell
 * @param receivedAt when the node took the check-in (a late upload of old fixes still shows the device alive)
 * @param acknowledgedAt when it was committed and the handheld told so (live views measure their delay from here)
 */
public record CheckinEvent(String deviceUniqueId, Long officerId, String officerCode, Long cellId,
                           String cellCode, int shard, Instant fixTime, Instant receivedAt, Instant acknowledgedAt,
                           double lat, double lon, Double heading, boolean explicitCell) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("device", deviceUniqueId)
        .put("officerId", officerId)
        .put("officer", officerCode)
        .put("cellId", cellId)
        .put("cell", cellCode)
        .put("shard", shard)
        .put("fixTime", fixTime.toEpochMilli())
        .put("receivedAt", receivedAt.toEpochMilli())
        .put("acknowledgedAt", acknowledgedAt.toEpochMilli())
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
        Instant.ofEpochMilli(json.getLong("fixTime")),
        Instant.ofEpochMilli(json.getLong("receivedAt")),
        Instant.ofEpochMilli(json.getLong("acknowledgedAt")),
        json.getDouble("lat"),
        json.getDouble("lon"),
        json.getDouble("heading"),
        json.getBoolean("explicitCell", false));
  }
}
