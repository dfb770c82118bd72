package org.gridpatrol.domain.access;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows down password guessing: after {@code freeFailures} wrong passwords in a row an account is locked
 * for {@code firstLock}, and each further failure doubles the lock, up to {@code longestLock}. A right
 * password after the lock has run out starts the count again.
 */
public record LoginThrottle(int freeFailures, Duration firstLock, Duration longestLock) {

  public LoginThrottle {
    if (freeFailures < 1 || firstLock.isNegative() || firstLock.isZero() || longestLock.compareTo(firstLock) < 0) {
      throw new IllegalArgumentException("a throttle needs at least one free failure and 0 < first lock <= longest");
    }
  }

  /** When an account with {@code failures} failures in a row (counting the one just made) opens again; null if not locked. */
  public Instant lockedUntil(int failures, Instant now) {
    if (failures < freeFailures) {
      return null;
    }
    int doublings = Math.min(failures - freeFailures, 30);
    Duration lock = firstLock.multipliedBy(1L << doublings);
    return now.plus(lock.compareTo(longestLock) > 0 ? longestLock : lock);
  }
}
