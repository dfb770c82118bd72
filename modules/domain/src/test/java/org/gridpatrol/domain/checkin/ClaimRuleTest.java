package org.gridpatrol.domain.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.gridpatrol.domain.grid.CellIndex.IndexedCell;
import org.gridpatrol.domain.grid.Earth;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

class ClaimRuleTest {
  /** A cell of about 100 m x 100 m with its south-west corner at 116.4 E, 39.9 N. */
  static final double SIDE_LAT = 100 / Earth.METRES_PER_DEGREE;
  static final double SIDE_LON = 100 / Earth.metresPerDegreeLon(39.9);
  static final IndexedCell CELL = new IndexedCell(1, "110101001001001", new GeometryFactory()
      .toGeometry(new Envelope(116.4, 116.4 + SIDE_LON, 39.9, 39.9 + SIDE_LAT)));
  static final ClaimRule RULE = new ClaimRule(30);

  static Fix fixAt(double metresWestOfTheCell, Double accuracy) {
    double lon = 116.4 - metresWestOfTheCell / Earth.metresPerDegreeLon(39.9);
    return new Fix(Instant.EPOCH, 39.9 + SIDE_LAT / 2, lon, accuracy, null, null, null, null, true);
  }

  @Test
  void distancesFromACellAreInMetresAndZeroInside() {
    assertEquals(0, CELL.metresFrom(39.9 + SIDE_LAT / 2, 116.4 + SIDE_LON / 2));
    assertEquals(0, CELL.metresFrom(39.9, 116.4), "on its corner");
    assertEquals(50, CELL.metresFrom(fixAt(50, null).lat(), fixAt(50, null).lon()), 0.01);
  }

  @Test
  void aClaimCountsInsideAndWithinAccuracyPlusTheTolerance() {
    assertTrue(RULE.counts(CELL, fixAt(-10, null)), "inside");
    assertTrue(RULE.counts(CELL, fixAt(29, null)), "29 m out, no accuracy given");
    assertFalse(RULE.counts(CELL, fixAt(31, null)));
    assertTrue(RULE.counts(CELL, fixAt(34, 5.0)), "34 m out with 5 m accuracy");
    assertFalse(RULE.counts(CELL, fixAt(36, 5.0)));
  }

  @Test
  void aFixClaimingHugeInaccuracyReachesNoFarther() {
    assertFalse(RULE.counts(CELL, fixAt(500, 100_000.0)), "accuracy counts for at most 100 m");
    assertTrue(RULE.counts(CELL, fixAt(125, 100_000.0)));
  }

  @Test
  void theToleranceIsNeverNegative() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ClaimRule(-1));
  }
}
