package org.gridpatrol.store;

import java.util.List;

/**
 * Restricting a query to the areas someone may see: a list of district, street or community codes that cell
 * codes start with, or null for the whole city. An empty list matches nothing.
 */
public final class Areas {
  private Areas() {
  }

  /** A condition that {@code codeColumn} lies in the areas given as parameter {@code $param}. */
  static String condition(String codeColumn, int param) {
    return "($" + param + "::text[] IS NULL OR " + codeColumn + " LIKE ANY (SELECT area || '%' FROM unnest($" + param
        + "::text[]) area))";
  }

  /** The parameter for {@link #condition}: null for the whole city. */
  static String[] parameter(List<String> areas) {
    return areas == null ? null : areas.toArray(new String[0]);
  }
}
