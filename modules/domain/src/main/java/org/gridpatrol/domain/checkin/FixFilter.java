package org.gridpatrol.domain.checkin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Applies the GPS quality filters to one fix. */
public final class FixFilter {
  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  private final FilterSettings settings;

  public FixFilter(FilterSettings settings) {
    this.settings = settings;
  }

  /**
   * @param previous the device's newest accepted fix, or null if none is known
   * @return the first filter the fix fails, or empty when it passes all
   */
  public Optional<RejectReason> check(Fix fix, PreviousFix previous, Instant now) {
    if (settings.rejectInvalid() && !fix.valid()) {
      return Optional.of(RejectReason.INVALID);
    }
    if (settings.rejectZero() && fix.lat() == 0.0 && fix.lon() == 0.0) {
      return Optional.of(RejectReason.ZERO);
    }
    if (settings.maxFuture() != null && fix.fixTime().isAfter(now.plus(settings.maxFuture()))) {
      return Optional.of(RejectReason.FUTURE);
    }
    if (settings.maxAge() != null && fix.fixTime().isBefore(now.minus(settings.maxAge()))) {
      return Optional.of(RejectReason.TOO_OLD);
    }
    if (settings.maxAccuracyMetres() != null && fix.accuracy() != null
        && fix.accuracy() > settings.maxAccuracyMetres()) {
      return Optional.of(RejectReason.ACCURACY);
    }
    if (previous == null) {
      return Optional.empty();
    }
    if (settings.rejectDuplicate() && fix.fixTime().equals(previous.fixTime())) {
      return Optional.of(RejectReason.DUPLICATE);
    }
    // Only a fix newer than the previous one is checked for a jump: a late upload from an offline buffer
    // sits somewhere in the past of the track, and comparing it with the newest fix would say nothing.
    if (settings.maxSpeedMetresPerSecond() != null && fix.fixTime().isAfter(previous.fixTime())) {
      double seconds = Duration.between(previous.fixTime(), fix.fixTime()).toMillis() / 1000.0;
      double metres = distanceMetres(previous.lat(), previous.lon(), fix.lat(), fix.lon());
      if (metres / seconds > settings.maxSpeedMetresPerSecond()) {
        return Optional.of(RejectReason.SPEED);
      }
    }
    return Optional.empty();
  }

  /** Great-circle distance (haversine); plenty accurate at patrol scales. */
  public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }
}
