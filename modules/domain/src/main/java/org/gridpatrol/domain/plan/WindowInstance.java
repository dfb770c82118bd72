package org.gridpatrol.domain.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One occurrence of a {@link WindowSpec}: the window of one day, as real instants.
 *
 * @param specKey the spec's key
 * @param day     the local day the window starts on and belongs to
 * @param start   inclusive
 * @param end     exclusive, after start
 */
public record WindowInstance(String specKey, LocalDate day, Instant start, Instant end) {

  public WindowInstance {
    Objects.requireNonNull(specKey, "specKey");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window " + specKey + "@" + day + " must end after it starts: "
          + start + " to " + end);
    }
  }

  /** Stable across plan versions and recomputation, e.g. {@code night@2026-10-01}. */
  public String id() {
    return specKey + "@" + day;
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
