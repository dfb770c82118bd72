package org.gridpatrol.domain.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FixFilterTest {
  private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
  private final FixFilter filter = new FixFilter(FilterSettings.defaults());

  private static Fix fix(Instant time, double lat, double lon, Double accuracy, boolean valid) {
    return new Fix(time, lat, lon, accuracy, null, null, null, null, valid);
  }

  private static Fix fix(Instant time, double lat, double lon) {
    return fix(time, lat, lon, 5.0, true);
  }

  @Test
  void acceptsAPlainFix() {
    assertEquals(Optional.empty(), filter.check(fix(NOW, 39.9, 116.4), null, NOW));
  }

  @Test
  void rejectsEachFilterWithItsReason() {
    assertEquals(Optional.of(RejectReason.INVALID), filter.check(fix(NOW, 39.9, 116.4, 5.0, false), null, NOW));
    assertEquals(Optional.of(RejectReason.ZERO), filter.check(fix(NOW, 0, 0), null, NOW));
    assertEquals(Optional.of(RejectReason.FUTURE), filter.check(fix(NOW.plusSeconds(601), 39.9, 116.4), null, NOW));
    assertEquals(Optional.of(RejectReason.TOO_OLD),
        filter.check(fix(NOW.minus(Duration.ofDays(7)).minusSeconds(1), 39.9, 116.4), null, NOW));
    assertEquals(Optional.of(RejectReason.ACCURACY), filter.check(fix(NOW, 39.9, 116.4, 100.5, true), null, NOW));
    PreviousFix previous = new PreviousFix(NOW.minusSeconds(10), 39.9, 116.4);
    assertEquals(Optional.of(RejectReason.DUPLICATE), filter.check(fix(NOW.minusSeconds(10), 39.9, 116.4), previous, NOW));
    // 0.01 degrees of latitude is about 1.1 km: in 10 s that is 111 m/s, over the 50 m/s limit.
    assertEquals(Optional.of(RejectReason.SPEED), filter.check(fix(NOW, 39.91, 116.4), previous, NOW));
  }

  @Test
  void limitsAreInclusive() {
    assertEquals(Optional.empty(), filter.check(fix(NOW.plusSeconds(600), 39.9, 116.4), null, NOW));
    assertEquals(Optional.empty(), filter.check(fix(NOW, 39.9, 116.4, 100.0, true), null, NOW));
  }

  @Test
  void aLateFixIsNotJudgedAgainstANewerOne() {
    PreviousFix newest = new PreviousFix(NOW, 39.95, 116.45);
    // An hour older and far away: from an offline buffer, not a jump.
    assertEquals(Optional.empty(), filter.check(fix(NOW.minusSeconds(3600), 39.90, 116.40), newest, NOW));
  }

  @Test
  void switchedOffFiltersLetEverythingThrough() {
    FixFilter off = new FixFilter(new FilterSettings(false, false, null, null, null, null, false));
    PreviousFix previous = new PreviousFix(NOW, 0, 0);
    assertEquals(Optional.empty(), off.check(fix(NOW, 0, 0, 1e6, false), previous, NOW));
    assertEquals(Optional.empty(), off.check(fix(NOW.plus(Duration.ofDays(400)), 45, 100), previous, NOW));
  }

  @Test
  void distanceMatchesKnownValues() {
    // One degree of latitude is about 111.2 km on the mean sphere.
    assertEquals(111_195, FixFilter.distanceMetres(39, 116, 40, 116), 1);
    assertEquals(0, FixFilter.distanceMetres(39.9, 116.4, 39.9, 116.4), 1e-9);
  }

  @Property
  void speedFilterAgreesWithDistanceOverTime(@ForAll @IntRange(min = 1, max = 600) int seconds,
                                             @ForAll @DoubleRange(min = 0, max = 0.05) double dLat) {
    PreviousFix previous = new PreviousFix(NOW.minusSeconds(seconds), 39.9, 116.4);
    Fix next = fix(NOW, 39.9 + dLat, 116.4);
    double speed = FixFilter.distanceMetres(39.9, 116.4, 39.9 + dLat, 116.4) / seconds;
    Optional<RejectReason> verdict = filter.check(next, previous, NOW);
    if (speed > 50.0) {
      assertEquals(Optional.of(RejectReason.SPEED), verdict);
    } else {
      assertTrue(verdict.isEmpty(), () -> "speed " + speed + " should pass");
    }
  }
}
