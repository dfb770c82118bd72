package org.gridpatrol.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The node's clock with the city's time zone: "now" and "today" as the city counts them, and times as the API
 * shows them (ISO-8601 with the city's offset). Tests move the clock instead of sleeping.
 */
public record CityClock(Clock clock, ZoneId zone) {

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /** The time as the API shows it, e.g. 2026-12-04T22:00+08:00; null for none. */
  public String local(Instant instant) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime().toString();
  }
}
