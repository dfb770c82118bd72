package org.gridpatrol.web;

import io.vertx.core.json.JsonObject;

/**
 * What is wrong with a piece of input: the field (a JSON path or parameter name), the rule it breaks (a stable
 * machine key) and a sentence for people.
 */
public record FieldError(String field, String rule, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("rule", rule).put("message", message);
  }

  /** The body of an error reply: {"error": {...}}. */
  public JsonObject toErrorBody() {
    return new JsonObject().put("error", toJson());
  }
}
