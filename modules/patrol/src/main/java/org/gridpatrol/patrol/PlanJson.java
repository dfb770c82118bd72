package org.gridpatrol.patrol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.gridpatrol.domain.calendar.DayType;
import org.gridpatrol.domain.plan.DaySelector;
import org.gridpatrol.domain.plan.PlanVersion;
import org.gridpatrol.domain.plan.Requirement;
import org.gridpatrol.domain.plan.WindowSpec;
import org.gridpatrol.web.Input;
import org.gridpatrol.web.InputException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * A patrol plan as the API takes it, checked field by field:
 * <pre>{"name": "东华门街道夜间巡查", "team": "T110101001", "timeZone": "Asia/Shanghai",
 *  "cells": {"codes": ["110101001001001"], "prefixes": ["110101001"], "area": {GeoJSON polygon}},
 *  "officers": ["P0001"],
 *  "windows": [{"key": "night", "start": "22:00", "end": "06:00",
 *               "days": {"weekdays": ["FRIDAY"], "dayTypes": ["HOLIDAY"], "holidayPeriods": ["national_day"],
 *                        "dates": ["2026-12-31"], "ranges": [{"first": "…", "last": "…"}],
 *                        "validFrom": "…", "validUntil": "…"}}],
 *  "requirement": {"minVisits": 1, "maxGapMinutes": 120, "minDwellMinutes": 3, "graceMinutes": 15},
 *  "effectiveFrom": "2026-11-22T22:00:00+08:00"}</pre>
 * The stored definition is this same JSON, so a version reads back as it was given.
 */
public record PlanJson(String name, String teamCode, ZoneId zone, List<String> cellCodes, List<String> cellPrefixes,
                Geometry area, List<String> officers, List<WindowSpec> windows, Requirement requirement,
                Instant effectiveFrom, JsonObject definition) {

  static final int MAX_NAME_LENGTH = 200;

  /** The version this plan definition makes, numbered {@code version}. */
  PlanVersion version(int version) {
    return new PlanVersion(version, effectiveFrom, zone, windows, requirement);
  }

  /**
   * @param defaultZone the city's zone, for a plan that names none
   * @param now         the effective time of a plan that names none
   */
  static PlanJson decode(JsonObject body, ZoneId defaultZone, Instant now) {
    String name = text(body, "name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InputException("name", "length", "name must have at most " + MAX_NAME_LENGTH + " characters");
    }
    String team = body.getValue("team") == null ? null : Input.identifier("team", text(body, "team"));
    ZoneId zone = zone(body, defaultZone);
    JsonObject cells = object(body, "cells");
    List<String> codes = strings(cells, "codes", "cells.codes");
    List<String> prefixes = strings(cells, "prefixes", "cells.prefixes");
    for (int i = 0; i < prefixes.size(); i++) {
      if (!prefixes.get(i).matches("[0-9]{6,15}")) {
        throw new InputException("cells.prefixes[" + i + "]", "cell_code",
            "a prefix is the leading 6 to 15 digits of cell codes (district, street, community)");
      }
    }
    Geometry area = cells.getValue("area") == null ? null : area(cells.getValue("area"));
    if (codes.isEmpty() && prefixes.isEmpty() && area == null) {
      throw new InputException("cells", "required", "cells must give codes, prefixes or an area");
    }
    List<String> officers = strings(body, "officers", "officers");
    for (int i = 0; i < officers.size(); i++) {
      Input.identifier("officers[" + i + "]", officers.get(i));
    }
    List<WindowSpec> windows = windows(body);
    Requirement requirement = requirement(object(body, "requirement"));
    Instant effectiveFrom = body.getValue("effectiveFrom") == null ? now
        : Input.instant("effectiveFrom", text(body, "effectiveFrom"));
    return new PlanJson(name, team, zone, codes, prefixes, area, officers, windows, requirement, effectiveFrom,
        body.copy().put("timeZone", zone.getId()).put("effectiveFrom", effectiveFrom.toString()));
  }

  private static ZoneId zone(JsonObject body, ZoneId defaultZone) {
    if (body.getValue("timeZone") == null) {
      return defaultZone;
    }
    try {
      return ZoneId.of(text(body, "timeZone"));
    } catch (DateTimeException e) {
      throw new InputException("timeZone", "time_zone", "timeZone must be a zone such as Asia/Shanghai");
    }
  }

  private static List<WindowSpec> windows(JsonObject body) {
    if (!(body.getValue("windows") instanceof JsonArray array) || array.isEmpty()) {
      throw new InputException("windows", "required", "windows must be a non-empty array of windows");
    }
    List<WindowSpec> windows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "windows[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject window)) {
        throw new InputException(at, "object", at + " must be an object");
      }
      String key = text(window, "key", at + ".key");
      if (!key.matches("[A-Za-z0-9_-]{1,40}")) {
        throw new InputException(at + ".key", "identifier", "a window key is 1 to 40 letters, digits, _ or -");
      }
      if (!keys.add(key)) {
        throw new InputException(at + ".key", "duplicate", "window key " + key + " is used twice");
      }
      LocalTime start = time(window, "start", at);
      LocalTime end = time(window, "end", at);
      JsonObject days = window.getValue("days") == null ? new JsonObject() : object(window, "days", at + ".days");
      windows.add(new WindowSpec(key, start, end, days(days, at + ".days")));
    }
    return windows;
  }

  private static DaySelector days(JsonObject days, String at) {
    List<DaySelector.DateRange> ranges = new ArrayList<>();
    if (days.getValue("ranges") != null) {
      if (!(days.getValue("ranges") instanceof JsonArray array)) {
        throw new InputException(at + ".ranges", "type", "ranges must be an array of {first, last}");
      }
      for (int i = 0; i < array.size(); i++) {
        String field = at + ".ranges[" + i + "]";
        if (!(array.getValue(i) instanceof JsonObject range)) {
          throw new InputException(field, "object", field + " must be {\"first\": date, \"last\": date}");
        }
        LocalDate first = date(text(range, "first", field + ".first"), field + ".first");
        LocalDate last = date(text(range, "last", field + ".last"), field + ".last");
        if (first.isAfter(last)) {
          throw new InputException(field, "order", field + ": first is after last");
        }
        ranges.add(new DaySelector.DateRange(first, last));
      }
    }
    try {
      return new DaySelector(
          parsed(strings(days, "weekdays", at + ".weekdays"), at + ".weekdays",
              s -> DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT))),
          parsed(strings(days, "dayTypes", at + ".dayTypes"), at + ".dayTypes",
              s -> DayType.valueOf(s.toUpperCase(Locale.ROOT))),
          new LinkedHashSet<>(strings(days, "holidayPeriods", at + ".holidayPeriods")),
          parsed(strings(days, "dates", at + ".dates"), at + ".dates", LocalDate::parse),
          ranges,
          days.getValue("validFrom") == null ? null : date(text(days, "validFrom", at + ".validFrom"), at + ".validFrom"),
          days.getValue("validUntil") == null ? null
              : date(text(days, "validUntil", at + ".validUntil"), at + ".validUntil"));
    } catch (IllegalArgumentException e) {
      throw new InputException(at, "days", at + ": " + e.getMessage());
    }
  }

  private static Requirement requirement(JsonObject requirement) {
    int minVisits = whole(requirement, "minVisits", 0, 1000, 0);
    Integer maxGap = optionalWhole(requirement, "maxGapMinutes", 1, 7 * 24 * 60);
    Integer minDwell = optionalWhole(requirement, "minDwellMinutes", 1, 24 * 60);
    int grace = whole(requirement, "graceMinutes", 0, 24 * 60, 0);
    if (minVisits == 0 && maxGap == null) {
      throw new InputException("requirement", "required",
          "a requirement needs minVisits of at least 1, or maxGapMinutes, or both");
    }
    return new Requirement(minVisits, maxGap == null ? null : Duration.ofMinutes(maxGap),
        minDwell == null ? null : Duration.ofMinutes(minDwell), Duration.ofMinutes(grace));
  }

  private static Geometry area(Object value) {
    if (!(value instanceof JsonObject json)) {
      throw new InputException("cells.area", "geojson", "cells.area must be a GeoJSON Polygon or MultiPolygon");
    }
    try {
      Geometry geometry = new GeoJsonReader().read(json.encode());
      if (!(geometry instanceof Polygonal) || !geometry.isValid()) {
        throw new InputException("cells.area", "geojson", "cells.area must be a valid Polygon or MultiPolygon");
      }
      return geometry;
    } catch (ParseException | RuntimeException e) {
      if (e instanceof InputException input) {
        throw input;
      }
      throw new InputException("cells.area", "geojson", "cells.area is not readable GeoJSON: " + e.getMessage());
    }
  }

  private static <T> Set<T> parsed(List<String> values, String field, Function<String, T> parser) {
    Set<T> result = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      try {
        result.add(parser.apply(values.get(i)));
      } catch (IllegalArgumentException | DateTimeException e) {
        throw new InputException(field + "[" + i + "]", "value", field + "[" + i + "] '" + values.get(i)
            + "' is not valid here");
      }
    }
    return result;
  }

  private static LocalTime time(JsonObject window, String key, String at) {
    String text = text(window, key, at + "." + key);
    try {
      return LocalTime.parse(text);
    } catch (DateTimeException e) {
      throw new InputException(at + "." + key, "time", at + "." + key + " must be a time of day such as 22:00");
    }
  }

  private static LocalDate date(String text, String field) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new InputException(field, "date", field + " must be a date such as 2026-10-01");
    }
  }

  private static int whole(JsonObject json, String key, int min, int max, int absent) {
    Integer value = optionalWhole(json, key, min, max);
    return value == null ? absent : value;
  }

  private static Integer optionalWhole(JsonObject json, String key, int min, int max) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new InputException("requirement." + key, "number", "requirement." + key + " must be a whole number");
    }
    long whole = number.longValue();
    if (whole < min || whole > max) {
      throw new InputException("requirement." + key, "range",
          "requirement." + key + " must be between " + min + " and " + max);
    }
    return (int) whole;
  }

  private static List<String> strings(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new InputException(field, "type", field + " must be an array of strings");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
        throw new InputException(field + "[" + i + "]", "type", field + "[" + i + "] must be a non-empty string");
      }
      strings.add(Input.storable(field + "[" + i + "]", s));
    }
    return strings;
  }

  private static JsonObject object(JsonObject json, String key) {
    return object(json, key, key);
  }

  private static JsonObject object(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (!(value instanceof JsonObject object)) {
      throw new InputException(field, "required", field + " must be an object");
    }
    return object;
  }

  private static String text(JsonObject json, String key) {
    return text(json, key, key);
  }

  private static String text(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InputException(field, "required", field + " must be a non-empty string");
    }
    return Input.storable(field, text.trim());
  }
}
