package org.gridpatrol.domain.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How well one cell was patrolled in one window, as of a moment; made by {@link CoverageEvaluator}.
 *
 * @param status        see {@link Status}
 * @param countedVisits the visits that count for the window, by start
 * @param visitsNeeded  the requirement's minimum number of visits
 * @param longestGap    the longest stretch of the window so far without a counted visit: from the window start
 *                      to the first visit, between visits, and from the last visit to now or the window end;
 *                      zero before the window starts
 * @param nextDeadline  when, without further visits, a requirement is missed and its grace is over: the moment
 *                      a detector arms. Worked out from the visits alone and never earlier after a visit is
 *                      added. While OVERDUE it is the deadline that was missed, so equal to overdueSince.
 *                      Empty when nothing can be missed any more
 * @param overdueSince  while OVERDUE, since when
 * @param missed        what was or is missed, e.g. {@code 2 of 3 visits} or {@code gap 2h10m > 2h}; empty when
 *                      the window was never overdue
 */
public record CellCoverage(Status status, List<Visit> countedVisits, int visitsNeeded, Duration longestGap,
                           Optional<Instant> nextDeadline, Optional<Instant> overdueSince, String missed) {

  public CellCoverage {
    countedVisits = List.copyOf(countedVisits);
  }

  /** The state of a window for a cell; checked in this order, the first that applies is the status. */
  public enum Status {
    /** The window has not started. */
    PENDING,
    /** A requirement was missed, its grace is over, and it has not been made good (a visit count never can be). */
    OVERDUE,
    /**
     * A requirement will be missed soon without a visit, or was just missed and is still within its grace.
     * Soon is 30 minutes, or a quarter of the gap allowed (for the gap) or of the window (for the count) if
     * that is shorter.
     */
    DUE_SOON,
    /** The window was overdue at some point (a gap too long) and later visits have made it good. */
    SATISFIED_LATE,
    /** Nothing is missed or about to be. */
    OK
  }
}
