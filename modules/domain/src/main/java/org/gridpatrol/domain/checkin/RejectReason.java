package org.gridpatrol.domain.checkin;

/** Why a fix was not stored. The names are the stable keys used in API replies and metrics. */
public enum RejectReason {
  /** The device marked the fix invalid. */
  INVALID("invalid"),
  /** Latitude and longitude both exactly 0: a receiver with no fix. */
  ZERO("zero"),
  /** Fix time too far in the future for clock drift. */
  FUTURE("future"),
  /** Fix time older than the configured maximum age. */
  TOO_OLD("too_old"),
  /** Reported accuracy worse than allowed. */
  ACCURACY("accuracy"),
  /** Implausible speed from the previous fix: a GPS jump. */
  SPEED("speed"),
  /** Same fix time as the device's previous fix. */
  DUPLICATE("duplicate");

  private final String key;

  RejectReason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
