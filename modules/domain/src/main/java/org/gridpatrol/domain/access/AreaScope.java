package org.gridpatrol.domain.access;

import java.util.List;
import java.util.TreeSet;

/**
 * The areas a person may see and act in: districts (6 digits), streets (9) or communities (12), written as
 * the leading digits of the 15-digit cell codes inside them, or the whole city. Everything placed in the
 * grid (a cell, a case, an alert, an officer's community, a team's street) is in scope when its code starts
 * with one of the areas.
 */
public final class AreaScope {
  private static final AreaScope CITY = new AreaScope(true, List.of());
  private static final AreaScope NOTHING = new AreaScope(false, List.of());

  private final boolean city;
  private final List<String> areas;

  private AreaScope(boolean city, List<String> areas) {
    this.city = city;
    this.areas = areas;
  }

  public static AreaScope city() {
    return CITY;
  }

  /** No area at all: for someone whose place is not known (an officer the directory gives no community). */
  public static AreaScope nothing() {
    return NOTHING;
  }

  /**
   * @param areas district, street or community codes; none means the whole city
   * @throws IllegalArgumentException naming the first code that is not 6, 9 or 12 digits
   */
  public static AreaScope of(List<String> areas) {
    if (areas.isEmpty()) {
      return CITY;
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String area : areas) {
      if (!isAreaCode(area)) {
        throw new IllegalArgumentException("area " + area
            + " is not a district (6 digits), street (9) or community (12) code");
      }
      sorted.add(area);
    }
    // An area inside another one adds nothing; keeping only the outer one keeps the checks short.
    List<String> outer = sorted.stream()
        .filter(area -> sorted.stream().noneMatch(other -> !other.equals(area) && area.startsWith(other)))
        .toList();
    return new AreaScope(false, outer);
  }

  public static boolean isAreaCode(String code) {
    if (code == null || (code.length() != 6 && code.length() != 9 && code.length() != 12)) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return false;
      }
    }
    return code.charAt(0) != '0';
  }

  public boolean isCity() {
    return city;
  }

  /** The areas, outermost only, sorted; empty for the whole city and for nothing. */
  public List<String> areas() {
    return areas;
  }

  /** Whether a cell, community, street or district code lies inside the scope. Unplaced things (null) only in the city's. */
  public boolean covers(String code) {
    if (isCity()) {
      return true;
    }
    if (code == null) {
      return false;
    }
    for (String area : areas) {
      if (code.startsWith(area)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every code lies inside the scope. */
  public boolean coversAll(Iterable<String> codes) {
    for (String code : codes) {
      if (!covers(code)) {
        return false;
      }
    }
    return true;
  }

  /** Whether any part of an area (a street, say) lies inside the scope: the area holds one of ours or is in one. */
  public boolean overlaps(String areaCode) {
    if (isCity()) {
      return true;
    }
    for (String area : areas) {
      if (area.startsWith(areaCode) || areaCode.startsWith(area)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AreaScope scope && scope.city == city && scope.areas.equals(areas);
  }

  @Override
  public int hashCode() {
    return city ? 1 : areas.hashCode();
  }

  @Override
  public String toString() {
    return city ? "city" : areas.isEmpty() ? "nothing" : String.join(",", areas);
  }
}
