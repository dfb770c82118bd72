package org.gridpatrol.checkin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.domain.checkin.Fix;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;

/**
 * Decodes the OsmAnd protocol as Traccar's server reads it, so Traccar Client and OsmAnd live tracking work
 * unchanged: the query-string/form variant and the JSON variant of Traccar Client 9+.
 */
public final class OsmAndDecoder {
  private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600.0;
  private static final Set<String> KNOWN_PARAMETERS = Set.of("id", "deviceid", "timestamp", "lat", "lon",
      "location", "speed", "bearing", "heading", "altitude", "accuracy", "hdop", "batt", "valid",
      // The device's key proves who sends; it is a secret and never stored with the fix.
      "key");

  private OsmAndDecoder() {}

  /** A decoded request: the device's unique id and its check-in. */
  public record Request(String uniqueId, CheckinItem item) {}

  /**
   * Query string or form: {@code id}/{@code deviceid}, {@code timestamp}, {@code lat}+{@code lon} or
   * {@code location=lat,lon}, {@code speed} (knots), {@code bearing}/{@code heading}, {@code altitude},
   * {@code accuracy}, {@code hdop}, {@code batt}, {@code charge}, {@code valid}; other keys become attributes.
   * A missing timestamp means "now", as in Traccar.
   */
  public static Request decodeParameters(MultiMap params, Instant now) {
    String uniqueId = firstNonBlank(params.get("id"), params.get("deviceid"));
    if (uniqueId == null) {
      throw new InputException("id", "required", "id (or deviceid) is required");
    }
    Input.identifier("id", uniqueId);
    Instant time = params.contains("timestamp") ? Input.time("timestamp", params.get("timestamp")) : now;
    double lat;
    double lon;
    String location = params.get("location");
    if (location != null && !params.contains("lat")) {
      String[] parts = location.split(",");
      if (parts.length != 2) {
        throw new InputException("location", "format", "location must be 'lat,lon'");
      }
      lat = Input.inRange("location", parts[0], -90, 90);
      lon = Input.inRange("location", parts[1], -180, 180);
    } else {
      lat = Input.inRange("lat", required(params, "lat"), -90, 90);
      lon = Input.inRange("lon", required(params, "lon"), -180, 180);
    }
    Double knots = Input.optionalNonNegative("speed", params.get("speed"));
    Double heading = Input.optionalNonNegative("bearing",
        firstNonBlank(params.get("bearing"), params.get("heading")));
    Double altitude = params.get("altitude") == null || params.get("altitude").isBlank() ? null
        : Input.finite("altitude", params.get("altitude"));
    Double battery = Input.optionalNonNegative("batt", params.get("batt"));
    boolean valid = !"false".equalsIgnoreCase(params.get("valid")) && !"0".equals(params.get("valid"));
    Fix fix = new Fix(time, lat, lon,
        Input.optionalNonNegative("accuracy", params.get("accuracy")),
        knots == null ? null : knots * METRES_PER_SECOND_PER_KNOT,
        heading == null ? null : heading % 360,
        altitude,
        battery == null ? null : Math.min(battery, 100),
        valid);
    JsonObject attributes = new JsonObject();
    for (Map.Entry<String, String> entry : params) {
      if (!KNOWN_PARAMETERS.contains(entry.getKey())) {
        attributes.put(entry.getKey(), entry.getValue());
      }
    }
    if (params.get("hdop") != null) {
      attributes.put("hdop", Input.finite("hdop", params.get("hdop")));
    }
    return new Request(uniqueId, new CheckinItem("", fix, null, null,
        attributes.isEmpty() ? null : Input.storable("attributes", attributes)));
  }

  /**
   * Traccar Client 9+ JSON: {@code {"device_id": ..., "location": {"timestamp": ISO-8601, "coords":
   * {"latitude", "longitude", "accuracy", "speed" (m/s), "heading", "altitude"}, "is_moving", "odometer",
   * "event", "battery": {"level": 0..1, "is_charging"}, "activity": {"type"}, "extras": {...}}}}.
   */
  public static Request decodeJson(JsonObject body) {
    Object deviceId = body.getValue("device_id");
    if (deviceId == null || deviceId.toString().isBlank()) {
      throw new InputException("device_id", "required", "device_id is required");
    }
    if (!(deviceId instanceof String) && !(deviceId instanceof Number)) {
      throw new InputException("device_id", "type", "device_id must be a string or a number");
    }
    Input.identifier("device_id", deviceId.toString());
    JsonObject location = object(body, "location", "location");
    JsonObject coords = object(location, "coords", "location.coords");
    if (!location.containsKey("timestamp")) {
      throw new InputException("location.timestamp", "required", "location.timestamp is required");
    }
    Instant time = Input.time("location.timestamp", location.getValue("timestamp"));
    JsonObject battery = location.getValue("battery") instanceof JsonObject b ? b : null;
    Double level = battery == null ? null : Input.optionalNonNegative("location.battery.level",
        battery.getValue("level"));
    Double heading = Input.optionalNonNegative("location.coords.heading", coords.getValue("heading"));
    Fix fix = new Fix(time,
        Input.inRange("location.coords.latitude", requiredJson(coords, "latitude", "location.coords.latitude"),
            -90, 90),
        Input.inRange("location.coords.longitude",
            requiredJson(coords, "longitude", "location.coords.longitude"), -180, 180),
        Input.optionalNonNegative("location.coords.accuracy", coords.getValue("accuracy")),
        Input.optionalNonNegative("location.coords.speed", coords.getValue("speed")),
        heading == null ? null : heading % 360,
        coords.getValue("altitude") == null ? null
            : Input.finite("location.coords.altitude", coords.getValue("altitude")),
        level == null ? null : Math.min(level, 1.0) * 100,
        true);
    JsonObject attributes = new JsonObject();
    for (String key : new String[] {"is_moving", "odometer", "event", "activity", "extras"}) {
      if (location.containsKey(key)) {
        attributes.put(key, location.getValue(key));
      }
    }
    if (battery != null && battery.containsKey("is_charging")) {
      attributes.put("charge", battery.getValue("is_charging"));
    }
    return new Request(deviceId.toString(),
        new CheckinItem("", fix, null, null, attributes.isEmpty() ? null : Input.storable("attributes", attributes)));
  }

  private static String required(MultiMap params, String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      throw new InputException(name, "required", name + " is required");
    }
    return value;
  }

  private static Object requiredJson(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (value == null) {
      throw new InputException(field, "required", field + " is required");
    }
    return value;
  }

  private static JsonObject object(JsonObject parent, String key, String field) {
    if (!(parent.getValue(key) instanceof JsonObject child)) {
      throw new InputException(field, "required", field + " must be an object");
    }
    return child;
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b == null || b.isBlank() ? null : b.trim();
  }
}
