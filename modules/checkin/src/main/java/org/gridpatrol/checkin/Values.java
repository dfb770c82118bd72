package org.gridpatrol.checkin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reading numbers and times out of text fields, with errors that name the field and the rule. */
final class Values {
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Epoch numbers at or above this are milliseconds (the OsmAnd convention: 2^31 - 1). */
  private static final long MAX_EPOCH_SECONDS = Integer.MAX_VALUE;

  private Values() {}

  static double finite(String field, Object value) {
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

  static double inRange(String field, Object value, double min, double max) {
    double number = finite(field, value);
    if (number < min || number > max) {
      throw new InputException(field, "range", field + " must be between " + plain(min) + " and " + plain(max));
    }
    return number;
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
