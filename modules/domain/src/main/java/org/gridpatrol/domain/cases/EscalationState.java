package org.gridpatrol.domain.cases;

import java.time.Instant;

/**
 * How far a case's current stage has climbed its policy's levels.
 *
 * @param level            index of the last level reached, -1 for none
 * @param levelReachedAt   when that level was due (timeouts of the next level count from here)
 * @param lastNotifiedAt   when that level was last notified (repeats count from here)
 * @param acknowledgedLevel the highest level someone acknowledged, -1 for none: stops that level's repeats
 */
public record EscalationState(int level, Instant levelReachedAt, Instant lastNotifiedAt, int acknowledgedLevel) {

  public static final EscalationState NONE = new EscalationState(-1, null, null, -1);

  /** Someone acknowledged the level reached: its repeats stop, the climb does not. */
  public EscalationState acknowledged() {
    return new EscalationState(level, levelReachedAt, lastNotifiedAt, level);
  }

  /** After a suspension, timeouts and repeats count again from the moment the case was resumed. */
  public EscalationState resumedAt(Instant now) {
    return level < 0 ? this : new EscalationState(level, now, now, acknowledgedLevel);
  }
}
