package org.gridpatrol.checkin;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reading numbers, times and text out of input, with errors ({@link InputException}) that name the field and
 * the rule. Shared by every route that takes input.
 */
public final class Values {
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Epoch numbers at or above this are milliseconds (the OsmAnd convention: 2^31 - 1). */
  private static final long MAX_EPOCH_SECONDS = Integer.MAX_VALUE;

  private Values() {}

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
  static Double optionalNonNegative(String field, Object value) {
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
  static Instant time(String field, Object value) {
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
}
