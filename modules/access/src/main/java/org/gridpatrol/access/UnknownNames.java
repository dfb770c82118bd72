package org.gridpatrol.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridpatrol.domain.access.LoginThrottle;

/**
 * Wrong passwords for user names that have no account, counted and locked as an account's are, so that the
 * lock-out cannot tell which names exist. Kept in memory (the newest 10,000 names), one per node shared by its
 * HTTP verticles; accounts' failures are kept in the database.
 */
public final class UnknownNames {
  private static final int NAMES = 10_000;

  private record Failures(int inARow, Instant lockedUntil) {}

  private final LoginThrottle throttle;
  private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
      return size() > NAMES;
    }
  };

  public UnknownNames(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  /** Until when the name is locked, or null. */
  synchronized Instant lockedUntil(String username, Instant now) {
    Failures known = failures.get(username);
    return known == null || known.lockedUntil() == null || !known.lockedUntil().isAfter(now) ? null
        : known.lockedUntil();
  }

  /** Counts a wrong password for the name; until when it is locked now, or null. */
  synchronized Instant failed(String username, Instant now) {
    Failures known = failures.get(username);
    int inARow = known == null ? 1 : known.inARow() + 1;
    Instant until = throttle.lockedUntil(inARow, now);
    failures.put(username, new Failures(inARow, until));
    return until;
  }
}
