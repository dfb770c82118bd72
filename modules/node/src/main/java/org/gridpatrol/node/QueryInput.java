package org.gridpatrol.node;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.gridpatrol.checkin.InputException;
import org.gridpatrol.checkin.Values;
import org.gridpatrol.domain.grid.CellCode;

/** Reading times, numbers and page sizes from query parameters and bodies, with errors naming the field. */
final class QueryInput {
  private QueryInput() {}

  /** An ISO-8601 time with offset. */
  static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeException e) {
      throw new InputException(field, "time", field + " must be ISO-8601 with offset, e.g. 2026-10-01T22:00:00+08:00");
    }
  }

  /** An ISO-8601 time with offset, or {@code absent} when the parameter is not given. */
  static Instant instant(String field, String text, Instant absent) {
    return text == null || text.isBlank() ? absent : instant(field, text);
  }

  static long number(String field, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InputException(field, "number", field + " must be a whole number");
    }
  }

  /** The {@code limit} of a page: 1 to {@code max}, {@code absent} when not given. */
  static int limit(String text, int absent, int max) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    long limit = number("limit", text);
    if (limit < 1 || limit > max) {
      throw new InputException("limit", "range", "limit must be between 1 and " + max);
    }
    return (int) limit;
  }

  /**
   * The request's body as a JSON object, with no NUL characters anywhere in it (PostgreSQL cannot store them).
   *
   * @throws InputException naming "body" if it is missing or not a JSON object
   */
  static JsonObject body(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new InputException("body", "json", "the body must be a JSON object");
    }
    if (body == null) {
      throw new InputException("body", "required", "the body must be a JSON object");
    }
    return Values.storable("body", body);
  }

  /**
   * A text field of a JSON body, stripped; null if absent and not required.
   *
   * @throws InputException if it is missing but required, not a non-blank text, too long or not storable
   */
  static String text(JsonObject body, String field, int maxLength, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw new InputException(field, "required", field + " is required");
      }
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InputException(field, "text", field + " must be a non-empty text");
    }
    if (text.length() > maxLength) {
      throw new InputException(field, "length", field + " must be at most " + maxLength + " characters");
    }
    return Values.storable(field, text.strip());
  }

  /** A page of cells in code order: those whose code starts with {@code prefix}, after the code {@code after}. */
  record CellPage(String prefix, String after, int limit) {}

  /**
   * {@code prefix}, {@code after} and {@code limit} of a request for cells.
   *
   * @throws InputException naming the parameter that is not a code prefix, a cell code or a page size
   */
  static CellPage cellPage(RoutingContext ctx, int defaultLimit, int maxLimit) {
    String prefix = ctx.queryParams().get("prefix") == null ? "" : ctx.queryParams().get("prefix").trim();
    String after = ctx.queryParams().get("after") == null ? "" : ctx.queryParams().get("after").trim();
    if (!prefix.matches("[0-9]{0,15}")) {
      throw new InputException("prefix", "cell_code", "prefix must be the leading digits of a cell code");
    }
    if (!after.isEmpty() && !CellCode.isValid(after)) {
      throw new InputException("after", "cell_code", "after must be a 15-digit cell code");
    }
    return new CellPage(prefix, after, limit(ctx.queryParams().get("limit"), defaultLimit, maxLimit));
  }
}
