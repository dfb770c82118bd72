package org.gridpatrol.domain.cases;

import static org.gridpatrol.domain.cases.ConfigMaps.list;
import static org.gridpatrol.domain.cases.ConfigMaps.map;
import static org.gridpatrol.domain.cases.ConfigMaps.number;
import static org.gridpatrol.domain.cases.ConfigMaps.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the cases of some categories and priorities climb: levels in order, each with its target role and its
 * trigger. Warnings at shares of the stage's time limit come first (yellow card), then exactly one level
 * when the limit passes (red card), then levels each a timeout after the one before. A level reached is
 * notified again every {@code repeatEvery} until someone acknowledges it.
 *
 * @param categories category codes or prefixes (a major class such as {@code E01}); empty for all
 * @param priorities the priorities it is for; empty for all
 * @param repeatEvery null for no repeats
 */
public record EscalationPolicy(String name, List<String> categories, Set<Priority> priorities,
                               Duration repeatEvery, List<Level> levels) {

  public EscalationPolicy {
    Objects.requireNonNull(name, "name");
    categories = List.copyOf(categories);
    priorities = priorities.isEmpty() ? EnumSet.allOf(Priority.class) : EnumSet.copyOf(priorities);
    levels = List.copyOf(levels);
    if (repeatEvery != null && (repeatEvery.isNegative() || repeatEvery.isZero())) {
      throw new IllegalArgumentException(name + ": repeat_every_minutes must be positive");
    }
    int deadlines = 0;
    double share = 0;
    for (int i = 0; i < levels.size(); i++) {
      Trigger trigger = levels.get(i).trigger();
      String at = name + ": level " + (i + 1) + " (" + levels.get(i).role().wireName() + ")";
      if (trigger instanceof Trigger.AtShare s) {
        if (deadlines > 0 || s.share() <= share || s.share() >= 1) {
          throw new IllegalArgumentException(at + ": warnings at shares of the limit come first, rising, below 1");
        }
        share = s.share();
      } else if (trigger instanceof Trigger.AtDeadline) {
        deadlines++;
      } else if (deadlines == 0) {
        throw new IllegalArgumentException(at + ": a level after a timeout must follow the deadline level");
      }
    }
    if (deadlines != 1) {
      throw new IllegalArgumentException(name + ": exactly one level must be reached when the time limit passes "
          + "(at_deadline: true)");
    }
  }

  /** Whether the policy covers cases of this category and priority; more specific prefixes win elsewhere. */
  public boolean covers(String category, Priority priority) {
    return priorities.contains(priority) && (categories.isEmpty() || categories.stream().anyMatch(category::startsWith));
  }

  /** The length of the longest prefix that covers the category (0 for a policy of all categories). */
  int specificity(String category) {
    return categories.stream().filter(category::startsWith).mapToInt(String::length).max().orElse(0);
  }

  public record Level(Role role, Trigger trigger) {
    public Level {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(trigger, "trigger");
    }

    /** Yellow for a warning before the limit, red once it has passed. */
    public Card card() {
      return trigger instanceof Trigger.AtShare ? Card.YELLOW : Card.RED;
    }
  }

  public sealed interface Trigger {
    /** When this share (0..1) of the stage's time limit is used up. */
    record AtShare(double share) implements Trigger {}

    /** When the stage's time limit passes. */
    record AtDeadline() implements Trigger {}

    /** This long after the level before was reached. */
    record After(Duration timeout) implements Trigger {
      public After {
        if (timeout.isNegative()) {
          throw new IllegalArgumentException("a timeout must not be negative");
        }
      }
    }
  }

  public enum Card { NONE, YELLOW, RED }

  /**
   * One policy from configuration: name, categories, priorities, repeat_every_minutes, and levels of
   * {@code {role, at_share | at_deadline | after_minutes}}.
   */
  public static EscalationPolicy fromMap(Object value, String path) {
    Map<?, ?> map = map(value, path);
    String name = text(map, "name", path);
    List<String> categories = new ArrayList<>();
    if (map.get("categories") != null) {
      for (Object category : list(map, "categories", path)) {
        if (!(category instanceof String code) || !code.matches("[CE]([0-9]{2}){0,2}")) {
          throw new IllegalArgumentException(path + ".categories: " + category + " is not a category code or prefix");
        }
        categories.add(code);
      }
    }
    Set<Priority> priorities = EnumSet.noneOf(Priority.class);
    if (map.get("priorities") != null) {
      for (Object priority : list(map, "priorities", path)) {
        priorities.add(Priority.fromWireName(String.valueOf(priority)));
      }
    }
    Duration repeat = map.get("repeat_every_minutes") == null ? null
        : Duration.ofMinutes((long) number(map, "repeat_every_minutes", path));
    List<Level> levels = new ArrayList<>();
    List<?> levelList = list(map, "levels", path);
    for (int i = 0; i < levelList.size(); i++) {
      String at = path + ".levels[" + i + "]";
      Map<?, ?> level = map(levelList.get(i), at);
      Role role = Role.fromWireName(text(level, "role", at));
      Trigger trigger;
      if (level.get("at_share") != null) {
        trigger = new Trigger.AtShare(number(level, "at_share", at));
      } else if (Boolean.TRUE.equals(level.get("at_deadline"))) {
        trigger = new Trigger.AtDeadline();
      } else if (level.get("after_minutes") != null) {
        trigger = new Trigger.After(Duration.ofMinutes((long) number(level, "after_minutes", at)));
      } else {
        throw new IllegalArgumentException(at + " needs a trigger: at_share, at_deadline: true or after_minutes");
      }
      levels.add(new Level(role, trigger));
    }
    return new EscalationPolicy(name, categories, priorities, repeat, levels);
  }
}
