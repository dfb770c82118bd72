package org.gridpatrol.domain.cases;

import java.util.Map;
import java.util.Objects;

/**
 * A minor class of the category tree (GB/T 30428 / CJ/T 214 style), the level a case is filed under.
 *
 * @param code       e.g. {@code E0101}: C for a component (部件) or E for an event (事件), the major class's
 *                   two digits, the minor class's two digits
 * @param major      the major class it belongs to
 * @param limits     the time limit of every stage
 * @param department code of the department cases of this class are usually dispatched to
 * @param priority   the priority a new case gets unless the reporter says otherwise
 */
public record Category(String code, MajorClass major, Names names, Map<Stage, TimeLimit> limits, String department,
                       Priority priority) {

  public Category {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(names, "names");
    limits = Map.copyOf(limits);
    for (Stage stage : Stage.values()) {
      if (!limits.containsKey(stage)) {
        throw new IllegalArgumentException(code + " has no time limit for the " + stage.wireName() + " stage");
      }
    }
    Objects.requireNonNull(priority, "priority");
  }

  public TimeLimit limit(Stage stage) {
    return limits.get(stage);
  }

  /** A major class: component or event, two digits, names. */
  public record MajorClass(String code, Kind kind, Names names) {}

  public enum Kind { COMPONENT, EVENT }

  /** A name in Simplified Chinese and in English. */
  public record Names(String zh, String en) {
    public Names {
      Objects.requireNonNull(zh, "zh");
      Objects.requireNonNull(en, "en");
    }
  }
}
