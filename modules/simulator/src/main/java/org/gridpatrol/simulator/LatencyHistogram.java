package org.gridpatrol.simulator;

/**
 * Latencies in microseconds, in log-linear buckets: exact below 128 us, then 64 buckets per power of two, so a
 * reported percentile is at most 1/64 (1.6 %) above the true value. Not thread-safe: one event loop records.
 */
final class LatencyHistogram {
  private static final int EXACT = 128;
  private static final int PER_OCTAVE = 64;
  /** Enough octaves for any long. */
  private static final int BUCKETS = EXACT + 63 * PER_OCTAVE;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long max;
  private double sum;

  void recordMicros(long micros) {
    long value = Math.max(0, micros);
    counts[bucket(value)]++;
    count++;
    sum += value;
    max = Math.max(max, value);
  }

  long count() {
    return count;
  }

  long maxMicros() {
    return max;
  }

  double meanMicros() {
    return count == 0 ? 0 : sum / count;
  }

  /**
   * The smallest bucket bound that at least the given percentage of recordings do not exceed (capped at the
   * exact maximum); 0 when nothing was recorded.
   */
  long percentileMicros(double percentile) {
    if (count == 0) {
      return 0;
    }
    long wanted = Math.max(1, (long) Math.ceil(percentile / 100 * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= wanted) {
        return Math.min(max, highestInBucket(i));
      }
    }
    return max;
  }

  static int bucket(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    // Shift so that the value keeps 7 significant bits: value >> shift is in [64, 128).
    int shift = 63 - Long.numberOfLeadingZeros(value) - 6;
    return EXACT + (shift - 1) * PER_OCTAVE + (int) ((value >> shift) - PER_OCTAVE);
  }

  static long highestInBucket(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int shift = (bucket - EXACT) / PER_OCTAVE + 1;
    long lowest = (long) ((bucket - EXACT) % PER_OCTAVE + PER_OCTAVE) << shift;
    return lowest + (1L << shift) - 1;
  }
}
