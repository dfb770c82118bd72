package org.gridpatrol.overdue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {
  private static final Instant T = Instant.parse("2026-11-22T14:00:00Z");

  @Test
  void reArmingReplacesTheDeadlineInsteadOfAddingOne() {
    DeadlineQueue<String> queue = new DeadlineQueue<>();
    for (int i = 0; i < 1000; i++) {
      queue.arm("cell", T.plusSeconds(i));
    }
    assertEquals(1, queue.size());
    assertEquals(T.plusSeconds(999), queue.armedAt("cell"));
    assertEquals(List.of(), queue.takeDue(T.plusSeconds(998)));
    assertEquals(List.of("cell"), queue.takeDue(T.plusSeconds(999)));
    assertEquals(0, queue.size());
    assertNull(queue.armedAt("cell"));
  }

  @Test
  void dueTargetsComeEarliestFirstAndEqualTimesAllCome() {
    DeadlineQueue<String> queue = new DeadlineQueue<>();
    queue.arm("c", T.plusSeconds(30));
    queue.arm("a", T.plusSeconds(10));
    queue.arm("b", T.plusSeconds(10));
    queue.arm("d", T.plusSeconds(60));
    queue.disarm("d");
    assertEquals(List.of("a", "b", "c"), queue.takeDue(T.plusSeconds(3600)));
    assertEquals(0, queue.size());
  }
}
