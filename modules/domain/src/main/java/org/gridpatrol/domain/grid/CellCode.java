package org.gridpatrol.domain.grid;

import java.util.Locale;

/**
 * The 15-digit unit grid cell code of the Beijing local standard:
 * 6-digit administrative district code, 3-digit street, 3-digit community and
 * 3-digit sequence (numbered west to east, north to south inside the community),
 * for example {@code 110101001001007}.
 *
 * <p>A code is valid when it has exactly 15 ASCII digits, the district code does not
 * start with 0 (Chinese division codes start with the province, 11..82) and none of
 * street, community and sequence is {@code 000}, because numbering starts at 001.
 */
public final class CellCode {

  public static final int LENGTH = 15;

  private CellCode() {
  }

  public static boolean isValid(String code) {
    if (code == null || code.length() != LENGTH || code.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = code.charAt(i);
      // Character.isDigit would also accept full-width and other Unicode digits.
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !code.startsWith("000", 6) && !code.startsWith("000", 9) && !code.startsWith("000", 12);
  }

  /** The 6-digit administrative district code. */
  public static String district(String code) {
    return requireValid(code).substring(0, 6);
  }

  /** The 3-digit street code inside the district. */
  public static String street(String code) {
    return requireValid(code).substring(6, 9);
  }

  /** The 3-digit community code inside the street. */
  public static String community(String code) {
    return requireValid(code).substring(9, 12);
  }

  /** The 3-digit sequence of the cell inside the community. */
  public static String sequence(String code) {
    return requireValid(code).substring(12, 15);
  }

  /**
   * Builds a code from its parts, e.g. {@code of("110101", 1, 1, 7)} is {@code 110101001001007}.
   *
   * @throws IllegalArgumentException if a part is out of range (street, community and sequence are 1..999)
   */
  public static String of(String district6, int street, int community, int seq) {
    requirePart("street", street);
    requirePart("community", community);
    requirePart("sequence", seq);
    // Locale.ROOT: some locales would format with non-ASCII digits.
    String code = String.format(Locale.ROOT, "%s%03d%03d%03d", district6, street, community, seq);
    if (!isValid(code)) {
      throw new IllegalArgumentException("invalid district code: " + district6);
    }
    return code;
  }

  private static void requirePart(String name, int value) {
    if (value < 1 || value > 999) {
      throw new IllegalArgumentException(name + " must be 1..999, got " + value);
    }
  }

  private static String requireValid(String code) {
    if (!isValid(code)) {
      throw new IllegalArgumentException("invalid cell code: " + code);
    }
    return code;
  }
}
