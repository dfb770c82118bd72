package org.gridpatrol.patrol;

import java.time.Instant;

/** An officer on duty whose device the detector listens for: when duty runs and when the device was last heard. */
final class OfficerTrack extends Deadlined {
  final long officerId;
  final String code;
  Instant dutySince;
  Instant dutyUntil;
  Instant lastReceived;
  String raisedKey;

  OfficerTrack(long officerId, String code) {
    this.officerId = officerId;
    this.code = code;
  }

  /** Silence counts from the last upload, or from the start of duty if nothing came since. */
  Instant silentFrom() {
    return lastReceived == null || lastReceived.isBefore(dutySince) ? dutySince : lastReceived;
  }
}
