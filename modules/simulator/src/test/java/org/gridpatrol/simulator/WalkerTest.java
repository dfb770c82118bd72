package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class WalkerTest {
  /** A community of the demo city: about 500 m x 500 m. */
  static final Envelope BEAT = new Envelope(116.3950, 116.40087, 39.9365, 39.9410);

  @Test
  void staysInsideTheBeatAndWalksAtOneToOneAndAHalfMetresPerSecond() {
    for (long seed = 0; seed < 20; seed++) {
      Walker walker = new Walker(BEAT, new Random(seed));
      double lat = walker.lat();
      double lon = walker.lon();
      for (int step = 0; step < 10_000; step++) {
        walker.walk(1);
        assertTrue(BEAT.covers(walker.lon(), walker.lat()), "left the beat at step " + step);
        double metres = Geo.metres(lat, lon, walker.lat(), walker.lon());
        assertTrue(metres <= Walker.MAX_SPEED + 1e-6, "moved " + metres + " m in one second");
        assertTrue(walker.speed() >= Walker.MIN_SPEED && walker.speed() <= Walker.MAX_SPEED);
        assertTrue(walker.heading() >= 0 && walker.heading() < 360);
        lat = walker.lat();
        lon = walker.lon();
      }
    }
  }

  @Test
  void longerStepsAreStillBoundedByTheWalkingSpeed() {
    Walker walker = new Walker(BEAT, new Random(3));
    for (int step = 0; step < 2_000; step++) {
      double lat = walker.lat();
      double lon = walker.lon();
      walker.walk(5);
      assertTrue(BEAT.covers(walker.lon(), walker.lat()));
      assertTrue(Geo.metres(lat, lon, walker.lat(), walker.lon()) <= 5 * Walker.MAX_SPEED + 1e-6);
    }
  }

  @Test
  void coversTheWholeBeatInAFewHours() {
    Walker walker = new Walker(BEAT, new Random(11));
    boolean[] quarters = new boolean[4];
    for (int second = 0; second < 4 * 3600; second++) {
      walker.walk(1);
      int east = walker.lon() > BEAT.centre().x ? 1 : 0;
      int north = walker.lat() > BEAT.centre().y ? 2 : 0;
      quarters[east + north] = true;
    }
    for (boolean visited : quarters) {
      assertTrue(visited, "every quarter of the beat is visited");
    }
  }
}
