package org.gridpatrol.events;

/**
 * Which shards this node owns. Cells map to a fixed number of shards ({@code Shards.shardOf}); each shard's
 * live state is kept by exactly one node, found through the cluster.
 */
public interface ShardOwnership {
  int shardCount();

  boolean ownsLocally(int shard);

  /** Called (on any thread) whenever ownership may have moved, e.g. a node joined or left. */
  void onChange(Runnable listener);
}
