package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void emptyHistogramReportsZero() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertEquals(0, histogram.percentileMicros(50));
    assertEquals(0, histogram.percentileMicros(99));
    assertEquals(0, histogram.maxMicros());
    assertEquals(0, histogram.meanMicros());
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 0; i < 100; i++) {
      histogram.recordMicros(i);
    }
    assertEquals(49, histogram.percentileMicros(50)); // the 50th of 100 values
    assertEquals(98, histogram.percentileMicros(99));
    assertEquals(99, histogram.percentileMicros(100));
    assertEquals(49.5, histogram.meanMicros(), 1e-9);
  }

  @Test
  void percentilesOfAUniformSpreadAreWithinTheBucketPrecision() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 1; i <= 100_000; i++) {
      histogram.recordMicros(i);
    }
    assertBetween(50_000, 50_000 * (1 + 1.0 / 64), histogram.percentileMicros(50));
    assertBetween(99_000, 99_000 * (1 + 1.0 / 64), histogram.percentileMicros(99));
    assertEquals(100_000, histogram.maxMicros());
    assertEquals(100_000, histogram.percentileMicros(100));
    assertEquals(100_000, histogram.count());
  }

  @Test
  void aRareSlowRequestShowsInTheMaximumButNotTheMedian() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 0; i < 999; i++) {
      histogram.recordMicros(2_000);
    }
    histogram.recordMicros(750_000);
    assertBetween(2_000, 2_000 * (1 + 1.0 / 64), histogram.percentileMicros(50));
    assertBetween(2_000, 2_000 * (1 + 1.0 / 64), histogram.percentileMicros(99));
    assertEquals(750_000, histogram.percentileMicros(99.95));
    assertEquals(750_000, histogram.maxMicros());
  }

  @Test
  void everyValueFallsInABucketWhoseBoundIsAtMostOneSixtyFourthAbove() {
    Random random = new Random(7);
    int previousBucket = -1;
    for (long value = 0; value < 1 << 20; value += 1 + value / 50) {
      int bucket = LatencyHistogram.bucket(value);
      assertTrue(bucket >= previousBucket, "buckets grow with the value");
      previousBucket = bucket;
      long bound = LatencyHistogram.highestInBucket(bucket);
      assertTrue(bound >= value && bound <= value + value / 64, value + " -> " + bound);
    }
    for (int i = 0; i < 10_000; i++) {
      long value = random.nextLong() >>> (1 + random.nextInt(63));
      long bound = LatencyHistogram.highestInBucket(LatencyHistogram.bucket(value));
      assertTrue(bound >= value && bound - value <= value / 64, value + " -> " + bound);
    }
  }

  private static void assertBetween(double low, double high, long actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
