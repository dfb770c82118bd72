package org.gridpatrol.domain.checkin;

import java.time.Duration;

/**
 * GPS quality filters, with Traccar-like meanings. Each can be switched off: a boolean false, or a null
 * limit.
 *
 * @param maxFuture how far ahead of the server clock a fix time may be (device clock drift)
 * @param maxAge how old a fix may be when it arrives (offline buffers upload late)
 * @param maxAccuracyMetres worst accepted accuracy
 * @param maxSpeedMetresPerSecond fastest plausible movement between a device's consecutive fixes
 */
public record FilterSettings(boolean rejectInvalid, boolean rejectZero, Duration maxFuture, Duration maxAge,
                             Double maxAccuracyMetres, Double maxSpeedMetresPerSecond, boolean rejectDuplicate) {

  /** Defaults for foot and bicycle patrols. */
  public static FilterSettings defaults() {
    return new FilterSettings(true, true, Duration.ofMinutes(10), Duration.ofDays(7), 100.0, 50.0, true);
  }
}
