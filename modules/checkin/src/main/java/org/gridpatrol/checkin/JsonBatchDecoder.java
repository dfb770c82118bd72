package org.gridpatrol.checkin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gridpatrol.domain.checkin.Fix;
import org.gridpatrol.domain.grid.CellCode;
import org.gridpatrol.web.FieldError;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;

/**
 * Decodes the body of {@code POST /api/v1/checkins}:
 * <pre>{"checkins": [{"id": "42", "time": "2026-11-22T08:00:00+08:00", "lat": 39.91, "lon": 116.40,
 *   "accuracy": 5, "speed": 1.2, "heading": 90, "altitude": 40, "battery": 80,
 *   "cell": "110101001001007", "note": "..."}]}</pre>
 * A body that is not such an object fails whole ({@link InputException}); a bad item fails alone.
 */
public final class JsonBatchDecoder {
  static final int MAX_NOTE_LENGTH = 1000;
  private static final Set<String> KNOWN_FIELDS = Set.of("id", "time", "lat", "lon", "accuracy", "speed",
      "heading", "altitude", "battery", "cell", "note");

  private final int maxItems;

  public JsonBatchDecoder(int maxItems) {
    this.maxItems = maxItems;
  }

  public List<Decoded> decode(Buffer body) {
    JsonObject json;
    try {
      json = body == null || body.length() == 0 ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new InputException("body", "json", "body is not a JSON object: " + rootCause(e));
    }
    if (json == null) {
      throw new InputException("body", "required", "body is empty; expected {\"checkins\": [...]}");
    }
    Object checkins = json.getValue("checkins");
    if (!(checkins instanceof JsonArray array)) {
      throw new InputException("checkins", "required", "checkins must be an array of check-ins");
    }
    if (array.isEmpty()) {
      throw new InputException("checkins", "size", "checkins must hold at least one check-in");
    }
    if (array.size() > maxItems) {
      throw new InputException("checkins", "size",
          "checkins holds " + array.size() + " items; at most " + maxItems + " are allowed per request");
    }
    List<Decoded> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(decodeItem(i, array.getValue(i)));
    }
    return items;
  }

  private static Decoded decodeItem(int index, Object value) {
    String prefix = "checkins[" + index + "].";
    if (!(value instanceof JsonObject item)) {
      return Decoded.failed(null,
          new FieldError("checkins[" + index + "]", "object", "each check-in must be a JSON object"));
    }
    String clientRef;
    try {
      clientRef = clientRef(prefix, item.getValue("id"));
    } catch (InputException e) {
      return Decoded.failed(null, e.error());
    }
    try {
      if (!item.containsKey("time")) {
        throw new InputException(prefix + "time", "required", prefix + "time is required");
      }
      if (!item.containsKey("lat") || !item.containsKey("lon")) {
        String missing = item.containsKey("lat") ? "lon" : "lat";
        throw new InputException(prefix + missing, "required", prefix + missing + " is required");
      }
      Fix fix = new Fix(
          Input.time(prefix + "time", item.getValue("time")),
          Input.inRange(prefix + "lat", item.getValue("lat"), -90, 90),
          Input.inRange(prefix + "lon", item.getValue("lon"), -180, 180),
          optionalInRange(prefix + "accuracy", item.getValue("accuracy"), 0, 100_000),
          optionalInRange(prefix + "speed", item.getValue("speed"), 0, 1_000),
          optionalInRange(prefix + "heading", item.getValue("heading"), 0, 360),
          optionalInRange(prefix + "altitude", item.getValue("altitude"), -1_000, 10_000),
          optionalInRange(prefix + "battery", item.getValue("battery"), 0, 100),
          true);
      return Decoded.of(new CheckinItem(clientRef, fix, cell(prefix, item.getValue("cell")),
          note(prefix, item.getValue("note")), Input.storable(prefix + "attributes", extras(item))));
    } catch (InputException e) {
      return Decoded.failed(clientRef, e.error());
    }
  }

  private static String clientRef(String prefix, Object id) {
    String field = prefix + "id";
    if (id == null) {
      throw new InputException(field, "required", field + " (the device's id or sequence for the item) is required");
    }
    if (!(id instanceof String) && !(id instanceof Number)) {
      throw new InputException(field, "type", field + " must be a string or a number");
    }
    return Input.identifier(field, id.toString());
  }

  private static Double optionalInRange(String field, Object value, double min, double max) {
    return value == null ? null : Input.inRange(field, value, min, max);
  }

  private static String cell(String prefix, Object cell) {
    if (cell == null) {
      return null;
    }
    if (!(cell instanceof String code) || !CellCode.isValid(code)) {
      throw new InputException(prefix + "cell", "cell_code", prefix + "cell must be a 15-digit cell code");
    }
    return code;
  }

  private static String note(String prefix, Object note) {
    if (note == null) {
      return null;
    }
    if (!(note instanceof String text)) {
      throw new InputException(prefix + "note", "type", prefix + "note must be a string");
    }
    if (text.length() > MAX_NOTE_LENGTH) {
      throw new InputException(prefix + "note", "length",
          prefix + "note must have at most " + MAX_NOTE_LENGTH + " characters");
    }
    return Input.storable(prefix + "note", text);
  }

  /** Fields we do not know are kept as attributes rather than dropped. */
  private static JsonObject extras(JsonObject item) {
    JsonObject extras = null;
    for (String key : item.fieldNames()) {
      if (!KNOWN_FIELDS.contains(key)) {
        if (extras == null) {
          extras = new JsonObject();
        }
        extras.put(key, item.getValue(key));
      }
    }
    return extras;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null) {
      return cause.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
