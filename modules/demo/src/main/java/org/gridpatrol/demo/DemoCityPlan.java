package org.gridpatrol.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link DemoCity#generate} should build.
 *
 * @param districtCode             6-digit administrative district code, e.g. {@code 110101}
 * @param districtName             e.g. 东城区
 * @param west                     western edge of the box, degrees longitude
 * @param south                    southern edge of the box, degrees latitude
 * @param east                     eastern edge of the box, degrees longitude
 * @param north                    northern edge of the box, degrees latitude
 * @param cellSizeMetres           side of a square cell
 * @param cellsPerCommunitySide    a community is this many cells square (1..31, at most 999 cells)
 * @param communitiesPerStreetSide a street is this many communities square (1..31)
 * @param streetNames              street names in numbering order; missing ones become 第N街道
 * @param firstDeviceUniqueId      unique id of the first officer's device; the rest count up
 */
public record DemoCityPlan(String districtCode, String districtName, double west, double south, double east,
             double north, double cellSizeMetres, int cellsPerCommunitySide,
             int communitiesPerStreetSide, List<String> streetNames, int firstDeviceUniqueId) {

  public DemoCityPlan {
    if (districtCode == null || !districtCode.matches("[1-9][0-9]{5}")) {
      throw new IllegalArgumentException("districtCode must be 6 digits, got " + districtCode);
    }
    Objects.requireNonNull(districtName, "districtName");
    if (!(west >= -180 && west < east && east <= 180 && south >= -90 && south < north && north <= 90)) {
      throw new IllegalArgumentException("not a box: west " + west + ", south " + south
          + ", east " + east + ", north " + north);
    }
    if (!(cellSizeMetres > 0 && Double.isFinite(cellSizeMetres))) {
      throw new IllegalArgumentException("cellSizeMetres must be positive, got " + cellSizeMetres);
    }
    // Sequences and community numbers are 3 digits, so at most 999 per parent.
    requireSide("cellsPerCommunitySide", cellsPerCommunitySide);
    requireSide("communitiesPerStreetSide", communitiesPerStreetSide);
    streetNames = List.copyOf(streetNames);
    if (firstDeviceUniqueId < 0) {
      throw new IllegalArgumentException("firstDeviceUniqueId must not be negative");
    }
  }

  /**
   * A plan from a parsed configuration map (as in {@code config/demo-city.yaml}): keys district_code,
   * district_name, west, south, east, north, cell_size_metres, cells_per_community_side,
   * communities_per_street_side, street_names, first_device_unique_id.
   *
   * @throws IllegalArgumentException naming the first key that is missing or of the wrong type
   */
  public static DemoCityPlan fromMap(Map<String, ?> map) {
    return new DemoCityPlan(
        text(map, "district_code"),
        text(map, "district_name"),
        number(map, "west").doubleValue(),
        number(map, "south").doubleValue(),
        number(map, "east").doubleValue(),
        number(map, "north").doubleValue(),
        number(map, "cell_size_metres").doubleValue(),
        number(map, "cells_per_community_side").intValue(),
        number(map, "communities_per_street_side").intValue(),
        names(map, "street_names"),
        number(map, "first_device_unique_id").intValue());
  }

  private static Object required(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException("demo city plan: " + key + " is missing");
    }
    return value;
  }

  private static String text(Map<String, ?> map, String key) {
    return required(map, key).toString();
  }

  private static Number number(Map<String, ?> map, String key) {
    if (!(required(map, key) instanceof Number number)) {
      throw new IllegalArgumentException("demo city plan: " + key + " must be a number");
    }
    return number;
  }

  private static List<String> names(Map<String, ?> map, String key) {
    if (!(required(map, key) instanceof List<?> list)) {
      throw new IllegalArgumentException("demo city plan: " + key + " must be a list of names");
    }
    return list.stream().map(Object::toString).toList();
  }

  private static void requireSide(String name, int side) {
    if (side < 1 || side * side > 999) {
      throw new IllegalArgumentException(name + " must be 1..31, got " + side);
    }
  }
}
