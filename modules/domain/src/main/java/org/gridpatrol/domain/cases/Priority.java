package org.gridpatrol.domain.cases;

import java.util.Locale;

/** How urgent a case is; escalation policies differ by it. */
public enum Priority {
  NORMAL, URGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not a priority */
  public static Priority fromWireName(String name) {
    for (Priority priority : values()) {
      if (priority.wireName().equals(name)) {
        return priority;
      }
    }
    throw new IllegalArgumentException("unknown priority " + name + " (normal or urgent)");
  }
}
