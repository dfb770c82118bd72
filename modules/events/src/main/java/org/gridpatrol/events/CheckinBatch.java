package org.gridpatrol.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted check-ins travelling together in one event-bus message. Immutable, so the codec hands the same
 * object to consumers on this node; only messages to other nodes are encoded, as JSON
 * ({"checkins": [CheckinEvent...]}).
 */
public record CheckinBatch(List<CheckinEvent> checkins) {

  public CheckinBatch {
    checkins = List.copyOf(checkins);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray(new ArrayList<>(checkins.size()));
    checkins.forEach(e -> array.add(e.toJson()));
    return new JsonObject().put("checkins", array);
  }

  public static CheckinBatch fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("checkins");
    List<CheckinEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(CheckinEvent.fromJson(array.getJsonObject(i)));
    }
    return new CheckinBatch(events);
  }
}
