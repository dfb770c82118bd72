package org.gridpatrol.domain.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.gridpatrol.domain.calendar.WorkingTime;

/**
 * The clock of one stage of a case: how long the stage may take, in working or in elapsed time, how much of
 * it was used before the last suspension, and since when it runs again (null while suspended: the clock
 * stands still).
 *
 * @param length       the stage's time limit
 * @param working      whether the limit counts working time (else elapsed time)
 * @param used         time used up to {@code runningSince} (or up to the suspension)
 * @param runningSince when the clock last started, or null while the case is suspended
 */
public record StageClock(Stage stage, Duration length, boolean working, Duration used, Instant runningSince) {

  public StageClock {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(used, "used");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a stage needs a positive length, got " + length);
    }
  }

  /** A stage starting now with the full limit. */
  public static StageClock start(Stage stage, TimeLimit limit, WorkingTime workingTime, Instant now) {
    return new StageClock(stage, limit.length(workingTime.hours().dayLength()), limit.working(), Duration.ZERO, now);
  }

  public boolean running() {
    return runningSince != null;
  }

  /** Stops the clock, keeping the time used. */
  public StageClock suspend(Instant now, WorkingTime workingTime) {
    if (!running()) {
      return this;
    }
    return new StageClock(stage, length, working, usedAt(now, workingTime), null);
  }

  /** Starts the clock again where it stopped. */
  public StageClock resume(Instant now) {
    return running() ? this : new StageClock(stage, length, working, used, now);
  }

  /** Time used by {@code now}: working time or elapsed time, suspensions left out. */
  public Duration usedAt(Instant now, WorkingTime workingTime) {
    if (!running() || !now.isAfter(runningSince)) {
      return used;
    }
    return used.plus(working
        ? workingTime.workingTimeBetween(runningSince.atZone(workingTime.zone()), now.atZone(workingTime.zone()))
        : Duration.between(runningSince, now));
  }

  /** When the limit runs out; null while suspended. */
  public Instant deadline(WorkingTime workingTime) {
    return momentWhenUsed(length, workingTime);
  }

  /**
   * Whether the deadline was counted by ordinary weeks for a year the holiday calendar has no data for (see
   * {@link WorkingTime#provisional}): it may move once that year's holidays are added.
   */
  public boolean deadlineProvisional(WorkingTime workingTime) {
    return working && running() && workingTime.provisional(runningSince, deadline(workingTime));
  }

  /**
   * When {@code share} (0..1] of the limit will have been used; the time the clock last started if that much
   * was already used before it; null while suspended.
   */
  public Instant momentAtShare(double share, WorkingTime workingTime) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("a share of a time limit is in (0, 1], got " + share);
    }
    return momentWhenUsed(Duration.ofMillis(Math.round(length.toMillis() * share)), workingTime);
  }

  private Instant momentWhenUsed(Duration amount, WorkingTime workingTime) {
    if (!running()) {
      return null;
    }
    Duration left = amount.minus(used);
    if (left.isNegative() || left.isZero()) {
      return runningSince;
    }
    return working
        ? workingTime.plusWorkingTime(runningSince.atZone(workingTime.zone()), left).toInstant()
        : runningSince.plus(left);
  }
}
