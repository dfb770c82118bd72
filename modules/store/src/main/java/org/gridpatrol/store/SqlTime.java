package org.gridpatrol.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from timestamptz parameters and columns (the PostgreSQL client speaks OffsetDateTime). */
final class SqlTime {
  private SqlTime() {}

  /** The instant as a timestamptz parameter; null for null. */
  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A timestamptz column's value as an instant; null for SQL NULL. */
  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
