package org.gridpatrol.domain.grid;

import java.util.Objects;

/**
 * Why one feature of an imported grid file was rejected.
 *
 * @param featureIndex 0-based index in the {@code features} array, -1 for a problem with the whole file
 * @param code         the feature's cell code if it had one, else null
 * @param field        what is wrong: a property name, {@code geometry}, {@code crs} or {@code json}
 * @param rule         machine key, one of the {@code RULE_*} constants
 * @param message      plain English description
 */
public record GridProblem(int featureIndex, String code, String field, String rule, String message) {

  public static final String RULE_INVALID_JSON = "invalid_json";
  public static final String RULE_MISSING_PROPERTY = "missing_property";
  public static final String RULE_INVALID_CODE = "invalid_code";
  public static final String RULE_NOT_POLYGON = "not_polygon";
  public static final String RULE_INVALID_GEOMETRY = "invalid_geometry";
  public static final String RULE_DUPLICATE_CODE = "duplicate_code";
  public static final String RULE_OVERLAP = "overlap";
  public static final String RULE_UNKNOWN_CRS = "unknown_crs";
  public static final String RULE_OUT_OF_RANGE = "out_of_range";
  public static final String RULE_INVALID_TEXT = "invalid_text";

  public GridProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }
}
