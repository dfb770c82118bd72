package org.gridpatrol.domain.grid;

/** Rough Earth measures, for sizing cells and describing overlaps, not for surveying. */
public final class Earth {

  /** Length of one degree of latitude on the mean-radius sphere (6,371,008.8 m). */
  public static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

  private Earth() {
  }

  /** Length of one degree of longitude at the given latitude. */
  public static double metresPerDegreeLon(double latitude) {
    return METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude));
  }
}
