package org.gridpatrol.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

  @Test
  void fourWrongPasswordsCostNothing() {
    for (int failures = 0; failures < 5; failures++) {
      assertNull(throttle.lockedUntil(failures, NOW));
    }
  }

  @Test
  void theLockDoublesUpToTheLongest() {
    assertEquals(NOW.plusSeconds(30), throttle.lockedUntil(5, NOW));
    assertEquals(NOW.plusSeconds(60), throttle.lockedUntil(6, NOW));
    assertEquals(NOW.plusSeconds(480), throttle.lockedUntil(9, NOW));
    assertEquals(NOW.plus(Duration.ofMinutes(15)), throttle.lockedUntil(10, NOW));
    assertEquals(NOW.plus(Duration.ofMinutes(15)), throttle.lockedUntil(10_000, NOW), "no overflow");
  }

  @Test
  void refusesANonsenseThrottle() {
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(3, Duration.ofSeconds(10), Duration.ofSeconds(1)));
  }
}
