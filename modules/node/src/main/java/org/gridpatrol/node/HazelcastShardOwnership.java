package org.gridpatrol.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridpatrol.events.ShardOwnership;

/**
 * Shard ownership taken from Hazelcast's partition table: shard n belongs to the owner of the partition of
 * the key "gridpatrol-shard-n". Hazelcast already spreads partitions evenly and moves them when members come
 * and go, so the shards follow.
 */
final class HazelcastShardOwnership implements ShardOwnership {
  private final HazelcastInstance hazelcast;
  private final int shardCount;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  HazelcastShardOwnership(HazelcastInstance hazelcast, int shardCount) {
    this.hazelcast = hazelcast;
    this.shardCount = shardCount;
    hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
      @Override
      public void migrationStarted(MigrationState state) {}

      @Override
      public void migrationFinished(MigrationState state) {
        changed();
      }

      @Override
      public void replicaMigrationCompleted(ReplicaMigrationEvent event) {}

      @Override
      public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
    });
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        changed();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        changed();
      }
    });
  }

  @Override
  public int shardCount() {
    return shardCount;
  }

  @Override
  public boolean ownsLocally(int shard) {
    Partition partition = hazelcast.getPartitionService().getPartition("gridpatrol-shard-" + shard);
    Member owner = partition.getOwner();
    return owner != null && owner.localMember();
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
