package org.gridpatrol.simulator;

import java.util.Random;
import org.locationtech.jts.geom.Envelope;

/**
 * An officer on foot inside a rectangular beat: walks at 1 to 1.5 m/s with a slight wobble, turns now and then,
 * and turns back at the beat's edges. Works in metres on a flat local frame, which is plenty accurate over the
 * few hundred metres of a community.
 */
final class Walker {
  static final double MIN_SPEED = 1.0;
  static final double MAX_SPEED = 1.5;
  /** On average a new direction (a corner, a doorway) this often. */
  private static final double MEAN_SECONDS_BETWEEN_TURNS = 30;
  private static final double METRES_PER_DEGREE_LAT = 6_371_008.8 * Math.PI / 180;
  /** Keeps fixes a metre inside the beat, never on the edge shared with the next community. */
  private static final double EDGE_MARGIN = 1.0;

  private final Envelope beat;
  private final double metresPerDegreeLon;
  private final double width;
  private final double height;
  private final Random random;
  /** Metres east and north of the beat's south-west corner plus the margin. */
  private double x;
  private double y;
  private double heading;
  private double speed;

  /** Starts at a random point of the beat (lon/lat degrees), walking in a random direction. */
  Walker(Envelope beat, Random random) {
    this.beat = beat;
    this.random = random;
    metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(beat.centre().y));
    width = Math.max(0, beat.getWidth() * metresPerDegreeLon - 2 * EDGE_MARGIN);
    height = Math.max(0, beat.getHeight() * METRES_PER_DEGREE_LAT - 2 * EDGE_MARGIN);
    x = random.nextDouble() * width;
    y = random.nextDouble() * height;
    heading = random.nextDouble() * 360;
    speed = randomSpeed();
  }

  /** Walks on for the given time, in steps of at most a second so that the edges are respected. */
  void walk(double seconds) {
    double left = seconds;
    while (left > 0) {
      double step = Math.min(1.0, left);
      stepFor(step);
      left -= step;
    }
  }

  private void stepFor(double seconds) {
    if (random.nextDouble() < seconds / MEAN_SECONDS_BETWEEN_TURNS) {
      heading += -135 + 270 * random.nextDouble();
      speed = randomSpeed();
    } else {
      heading += (random.nextDouble() - 0.5) * 10 * seconds;
    }
    double distance = speed * seconds;
    // Mirror the direction at an edge: the step keeps its length, so the speed stays what it was.
    if (outside(x + distance * sin(heading), width)) {
      heading = -heading;
    }
    if (outside(y + distance * cos(heading), height)) {
      heading = 180 - heading;
    }
    heading = ((heading % 360) + 360) % 360;
    x = clamp(x + distance * sin(heading), width);
    y = clamp(y + distance * cos(heading), height);
  }

  private double randomSpeed() {
    return MIN_SPEED + (MAX_SPEED - MIN_SPEED) * random.nextDouble();
  }

  private static boolean outside(double value, double limit) {
    return value < 0 || value > limit;
  }

  private static double clamp(double value, double limit) {
    return Math.max(0, Math.min(limit, value));
  }

  private static double sin(double degrees) {
    return Math.sin(Math.toRadians(degrees));
  }

  private static double cos(double degrees) {
    return Math.cos(Math.toRadians(degrees));
  }

  double lat() {
    return beat.getMinY() + (EDGE_MARGIN + y) / METRES_PER_DEGREE_LAT;
  }

  double lon() {
    return beat.getMinX() + (EDGE_MARGIN + x) / metresPerDegreeLon;
  }

  /** Degrees clockwise from north, [0, 360). */
  double heading() {
    return heading;
  }

  /** Metres per second. */
  double speed() {
    return speed;
  }
}
