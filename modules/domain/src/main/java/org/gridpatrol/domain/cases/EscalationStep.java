package org.gridpatrol.domain.cases;

import java.time.Instant;
import java.util.Locale;

/**
 * The next thing escalation does for a case: reach a level, or notify the level reached again.
 *
 * @param level index of the level in the policy
 * @param dueAt when it is due
 */
public record EscalationStep(Kind kind, int level, Instant dueAt) {
  public enum Kind {
    ESCALATE, REPEAT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
