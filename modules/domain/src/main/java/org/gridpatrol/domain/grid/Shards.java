package org.gridpatrol.domain.grid;

import java.util.Objects;

/** Assigns cells to shards, e.g. to partition event streams or worker ownership. */
public final class Shards {

  private Shards() {
  }

  /**
   * The shard, in {@code 0..shardCount-1}, that owns a cell.
   *
   * <p>Stable across JVMs, platforms and Java versions: it is {@code floorMod} of
   * {@link String#hashCode()}, whose formula ({@code s[0]*31^(n-1) + ... + s[n-1]} in
   * int arithmetic) is part of the Java specification. Changing {@code shardCount}
   * moves most cells; plan a migration when resharding.
   *
   * @throws IllegalArgumentException if {@code shardCount < 1}
   */
  public static int shardOf(String cellCode, int shardCount) {
    Objects.requireNonNull(cellCode, "cellCode");
    if (shardCount < 1) {
      throw new IllegalArgumentException("shardCount must be at least 1, got " + shardCount);
    }
    return Math.floorMod(cellCode.hashCode(), shardCount);
  }
}
