package org.gridpatrol.domain.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShardsTest {

  @Test
  void usesTheSpecifiedStringHash() {
    // 146247733 is what the String.hashCode formula gives for this code on any JVM.
    assertEquals(146247733, "110101001001007".hashCode());
    assertEquals(146247733 % 16, Shards.shardOf("110101001001007", 16));
    assertEquals(146247734 % 7, Shards.shardOf("110101001001008", 7));
    assertEquals(0, Shards.shardOf("110101001001008", 1));
  }

  @Property
  void shardIsInRangeAndMatchesTheFormula(@ForAll String code, @ForAll @IntRange(min = 1, max = 4096) int shards) {
    int hash = 0;
    for (int i = 0; i < code.length(); i++) {
      hash = 31 * hash + code.charAt(i);
    }
    int shard = Shards.shardOf(code, shards);
    assertTrue(shard >= 0 && shard < shards);
    assertEquals(((hash % shards) + shards) % shards, shard);
  }

  @Test
  void refusesNoShards() {
    assertThrows(IllegalArgumentException.class, () -> Shards.shardOf("110101001001007", 0));
  }
}
