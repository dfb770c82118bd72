package org.gridpatrol.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {
  private static final Instant T = Instant.parse("2026-11-22T14:00:00Z");

  static final class Target extends Deadlined {
    final String name;

    Target(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void reArmingReplacesTheDeadlineInsteadOfAddingOne() {
    DeadlineQueue<Target> queue = new DeadlineQueue<>();
    Target cell = new Target("cell");
    for (int i = 0; i < 1000; i++) {
      queue.arm(cell, T.plusSeconds(i));
    }
    assertEquals(1, queue.size());
    assertEquals(T.plusSeconds(999), queue.armedAt(cell));
    assertEquals(List.of(), queue.takeDue(T.plusSeconds(998)));
    assertEquals(List.of(cell), queue.takeDue(T.plusSeconds(999)));
    assertEquals(0, queue.size());
    assertNull(queue.armedAt(cell));
  }

  @Test
  void dueTargetsComeEarliestFirst() {
    DeadlineQueue<Target> queue = new DeadlineQueue<>();
    Target a = new Target("a");
    Target b = new Target("b");
    Target c = new Target("c");
    Target d = new Target("d");
    queue.arm(c, T.plusSeconds(30));
    queue.arm(a, T.plusSeconds(10));
    queue.arm(b, T.plusSeconds(20));
    queue.arm(d, T.plusSeconds(5));
    queue.disarm(d);
    assertEquals(List.of(a, b, c), queue.takeDue(T.plusSeconds(3600)));
    assertEquals(0, queue.size());
    queue.arm(a, T);
    queue.clear();
    assertNull(queue.armedAt(a), "cleared targets are armed nowhere");
  }

  /** Random arms, re-arms, disarms and takes against a plain map of deadlines. */
  @Test
  void behavesLikeAMapOfDeadlinesUnderRandomUse() {
    Random random = new Random(20261122);
    for (int round = 0; round < 50; round++) {
      DeadlineQueue<Target> queue = new DeadlineQueue<>();
      Map<Target, Long> model = new HashMap<>();
      List<Target> targets = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        targets.add(new Target("t" + i));
      }
      long now = 0;
      for (int step = 0; step < 2000; step++) {
        Target target = targets.get(random.nextInt(targets.size()));
        int what = random.nextInt(10);
        if (what < 6) {
          long due = now + random.nextInt(1000);
          queue.arm(target, T.plusMillis(due));
          model.put(target, due);
        } else if (what < 8) {
          queue.disarm(target);
          model.remove(target);
        } else {
          now += random.nextInt(300);
          long limit = now;
          List<Target> expected = model.entrySet().stream().filter(e -> e.getValue() <= limit)
              .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
          List<Target> taken = queue.takeDue(T.plusMillis(now));
          assertEquals(expected.size(), taken.size());
          assertEquals(expected.stream().map(model::get).toList(), taken.stream().map(model::get).toList(),
              "earliest first");
          taken.forEach(model::remove);
        }
        assertEquals(model.size(), queue.size());
        assertEquals(model.get(target) == null ? null : T.plusMillis(model.get(target)), queue.armedAt(target));
      }
    }
  }
}
