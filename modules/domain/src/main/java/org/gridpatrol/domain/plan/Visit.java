package org.gridpatrol.domain.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * An officer in a cell: a run of one officer's accepted fixes inside the cell (from the first to the last
 * fix), or an explicit check-in at the cell (start equal to end).
 *
 * @param explicit true for a check-in, which counts whatever its length
 */
public record Visit(Instant start, Instant end, boolean explicit) {

  public Visit {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("visit ends at " + end + " before it starts at " + start);
    }
  }

  /** An explicit check-in at one moment. */
  public static Visit checkIn(Instant at) {
    return new Visit(at, at, true);
  }
}
