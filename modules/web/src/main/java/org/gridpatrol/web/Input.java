package org.gridpatrol.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one field reader: numbers, times, identifiers and text out of bodies, parameters and path segments,
 * with errors ({@link InputException}) that name the field and the rule. Shared by every route that takes
 * input and by the check-in decoders.
 */
public final class Input {
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Epoch numbers at or above this are milliseconds (the OsmAnd convention: 2^31 - 1). */
  private static final long MAX_EPOCH_SECONDS = Integer.MAX_VALUE;

  private Input() {}

  public static double finite(String field, Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String s) {
      try {
        number = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new InputException(field, "number", field + " must be a number, got '" + s + "'");
      }
    } else {
      throw new InputException(field, "number", field + " must be a number");
    }
    if (!Double.isFinite(number)) {
      throw new InputException(field, "finite", field + " must be a finite number");
    }
    return number;
  }

  public static double inRange(String field, Object value, double min, double max) {
    double number = finite(field, value);
    if (number < min || number > max) {
      throw new InputException(field, "range", field + " must be between " + plain(min) + " and " + plain(max));
    }
    return number;
  }

  /** Text that is stored: PostgreSQL text and jsonb cannot hold NUL, so it is refused here, naming the field. */
  public static String storable(String field, String text) {
    if (text != null && text.indexOf('\u0000') >= 0) {
      throw new InputException(field, "text", field + " must not contain NUL characters");
    }
    return text;
  }

  /** Longest identifier (device unique id, officer code, check-in id) accepted anywhere. */
  public static final int MAX_IDENTIFIER_LENGTH = 64;

  /** An identifier: 1 to 64 characters, no control characters. */
  public static String identifier(String field, String text) {
    boolean valid = !text.isEmpty() && text.length() <= MAX_IDENTIFIER_LENGTH;
    for (int i = 0; valid && i < text.length(); i++) {
      valid = !Character.isISOControl(text.charAt(i));
    }
    if (!valid) {
      throw new InputException(field, "identifier",
          field + " must have 1 to " + MAX_IDENTIFIER_LENGTH + " characters and no control characters");
    }
    return text;
  }

  /** Extra fields kept as jsonb attributes: the same NUL rule applies to every string inside. */
  public static JsonObject storable(String field, JsonObject attributes) {
    if (attributes != null && attributes.encode().contains("\\u0000")) {
      throw new InputException(field, "text", field + " must not contain NUL characters");
    }
    return attributes;
  }

  /** 90.0 as "90", 0.5 as "0.5". */
  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Optional measurement; negative values mean "unknown" in the OsmAnd protocols and become null. */
  public static Double optionalNonNegative(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    double number = finite(field, value);
    return number < 0 ? null : number;
  }

  /**
   * A time as seconds or milliseconds since the epoch (seconds below 2^31 - 1), ISO-8601 with an offset, or
   * {@code yyyy-MM-dd HH:mm:ss} in UTC.
   */
  public static Instant time(String field, Object value) {
    if (value instanceof Number n) {
      return epoch(field, n.longValue());
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InputException(field, "time", field + " must be a time");
    }
    String text = s.trim();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return epoch(field, Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw new InputException(field, "time", field + " is not a valid epoch time: " + text);
      }
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notSpaced) {
        throw new InputException(field, "time", field
            + " must be epoch seconds or milliseconds, ISO-8601 with offset, or yyyy-MM-dd HH:mm:ss; got '"
            + text + "'");
      }
    }
  }

  private static Instant epoch(String field, long number) {
    if (number < 0) {
      throw new InputException(field, "time", field + " must not be negative");
    }
    return number < MAX_EPOCH_SECONDS ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
  }
  /** A calendar date, {@code yyyy-MM-dd}. */
  public static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InputException(field, "date", field + " must be a date, e.g. 2026-12-04");
    }
  }

  /** An ISO-8601 time with offset. */
  public static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeException e) {
      throw new InputException(field, "time", field + " must be ISO-8601 with offset, e.g. 2026-10-01T22:00:00+08:00");
    }
  }

  /** An ISO-8601 time with offset, or {@code absent} when the parameter is not given. */
  public static Instant instant(String field, String text, Instant absent) {
    return text == null || text.isBlank() ? absent : instant(field, text);
  }

  public static long number(String field, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InputException(field, "number", field + " must be a whole number");
    }
  }

  /** The whole number of a path segment or parameter, e.g. the {@code id} of /cases/{id}. */
  public static long number(RoutingContext ctx, String pathParam) {
    return number(pathParam, ctx.pathParam(pathParam));
  }

  /** The {@code limit} of a page: 1 to {@code max}, {@code absent} when not given. */
  public static int limit(String text, int absent, int max) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    long limit = number("limit", text);
    if (limit < 1 || limit > max) {
      throw new InputException("limit", "range", "limit must be between 1 and " + max);
    }
    return (int) limit;
  }

  /** The {@code offset} of a page: 0 when not given, never negative. */
  public static int offset(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    long offset = number("offset", text);
    if (offset < 0 || offset > Integer.MAX_VALUE) {
      throw new InputException("offset", "range", "offset must be 0 or more");
    }
    return (int) offset;
  }

  /**
   * The request's body as a JSON object, with no NUL characters anywhere in it (PostgreSQL cannot store them).
   *
   * @throws InputException naming "body" if it is missing or not a JSON object
   */
  public static JsonObject body(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new InputException("body", "json", "the body must be a JSON object");
    }
    if (body == null) {
      throw new InputException("body", "required", "the body must be a JSON object");
    }
    return storable("body", body);
  }

  /**
   * A text field of a JSON body, stripped; null if absent and not required.
   *
   * @throws InputException if it is missing but required, not a non-blank text, too long or not storable
   */
  public static String text(JsonObject body, String field, int maxLength, boolean required) {
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
    return storable(field, text.strip());
  }
}
