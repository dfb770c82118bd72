package org.gridpatrol.domain.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What each cell of a plan needs in each window. See {@link CoverageEvaluator} for how it is judged.
 *
 * @param minVisits at least this many counted visits inside the window; 0 for no count requirement
 * @param maxGap    no stretch of the window longer than this without a counted visit (from the window start to
 *                  the first visit, between visits, from the last visit to the window end); null for none
 * @param minDwell  a visit counts only if it spans at least this long inside the window, unless it is an
 *                  explicit check-in; null to count every visit
 * @param grace     how long after a requirement is missed it still counts as on time, for late fixes and
 *                  small slips; zero for none
 */
public record Requirement(int minVisits, Duration maxGap, Duration minDwell, Duration grace) {

  public Requirement {
    Objects.requireNonNull(grace, "grace (use Duration.ZERO for none)");
    if (minVisits < 0) {
      throw new IllegalArgumentException("minVisits must not be negative, got " + minVisits);
    }
    if (maxGap != null && (maxGap.isNegative() || maxGap.isZero())) {
      throw new IllegalArgumentException("maxGap must be positive (null for none), got " + maxGap);
    }
    if (minDwell != null && (minDwell.isNegative() || minDwell.isZero())) {
      throw new IllegalArgumentException("minDwell must be positive (null for none), got " + minDwell);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
  }
}
