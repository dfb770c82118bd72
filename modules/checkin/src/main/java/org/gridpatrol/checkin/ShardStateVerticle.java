package org.gridpatrol.checkin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.ShardOwnership;
import org.gridpatrol.store.PositionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the live state of the shards this node owns: for each cell the newest visit and its officer. Check-ins
 * reach it over the event bus from whichever node took them. When ownership moves (a node joins or leaves),
 * it starts or stops consuming shards; a newly taken shard is first loaded from the database, and since the
 * newest visit wins, events that arrive while loading are never lost. The overdue detector builds on this.
 *
 * <p>All state is touched only on this verticle's event loop.
 */
public final class ShardStateVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ShardStateVerticle.class);
  private static final long RECHECK_MILLIS = 2000;

  private record Visit(Instant at, String officerCode) {}

  private record OwnedShard(MessageConsumer<CheckinBatch> checkins, MessageConsumer<JsonObject> queries,
                            Map<Long, Visit> lastVisits) {}

  private final String nodeName;
  private final ShardOwnership ownership;
  private final PositionQueries queries;
  private final Clock clock;
  private final Duration lastVisitLookback;
  private final Map<Integer, OwnedShard> owned = new HashMap<>();

  /** @param lastVisitLookback how far back a cell's last visit is known (and loaded when taking a shard) */
  public ShardStateVerticle(String nodeName, ShardOwnership ownership, PositionQueries queries, Clock clock,
                            Duration lastVisitLookback) {
    this.nodeName = nodeName;
    this.lastVisitLookback = lastVisitLookback;
    this.ownership = ownership;
    this.queries = queries;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ownership.onChange(() -> context.runOnContext(v -> rebalance()));
    // Membership and migration events can arrive before the partition table shows their outcome; checking
    // again every few seconds makes ownership converge even if no further event comes.
    vertx.setPeriodic(RECHECK_MILLIS, id -> rebalance());
    return rebalance();
  }

  /** Takes the shards this node now owns and lets go of the others. */
  private Future<Void> rebalance() {
    List<Future<Integer>> taking = new ArrayList<>();
    List<Integer> taken = new ArrayList<>();
    List<Integer> released = new ArrayList<>();
    for (int shard = 0; shard < ownership.shardCount(); shard++) {
      boolean shouldOwn = ownership.ownsLocally(shard);
      if (shouldOwn && !owned.containsKey(shard)) {
        taking.add(take(shard));
        taken.add(shard);
      } else if (!shouldOwn && owned.containsKey(shard)) {
        release(shard);
        released.add(shard);
      }
    }
    return Future.all(taking).map(done -> {
      if (!taken.isEmpty() || !released.isEmpty()) {
        int cells = taking.stream().mapToInt(Future::result).sum();
        LOG.info("Shards now owned here: {} (took {} with {} recently visited cells, released {})",
            owned.keySet().stream().sorted().toList(), taken, cells, released);
      }
      return null;
    });
  }

  /** Starts consuming a shard and loads its recent visits; completes with the number of cells loaded. */
  private Future<Integer> take(int shard) {
    Map<Long, Visit> lastVisits = new HashMap<>();
    MessageConsumer<CheckinBatch> checkins = vertx.eventBus().consumer(Addresses.shardCheckins(shard),
        message -> message.body().checkins().forEach(event -> {
          if (event.cellId() != null) {
            merge(lastVisits, event.cellId(), new Visit(event.fixTime(), event.officerCode()));
          }
        }));
    MessageConsumer<JsonObject> cellQueries = vertx.eventBus().consumer(Addresses.shardCellState(shard),
        message -> {
          Visit visit = lastVisits.get(message.body().getLong("cellId"));
          JsonObject reply = new JsonObject().put("owner", nodeName);
          if (visit != null) {
            reply.put("lastVisitAt", visit.at().toString()).put("lastOfficer", visit.officerCode());
          }
          message.reply(reply);
        });
    owned.put(shard, new OwnedShard(checkins, cellQueries, lastVisits));
    return Future.all(checkins.completion(), cellQueries.completion())
        .compose(registered -> queries.lastVisitsInShard(shard, clock.instant().minus(lastVisitLookback)))
        .map(visits -> {
          visits.forEach(v -> merge(lastVisits, v.cellId(), new Visit(v.at(), v.officerCode())));
          return visits.size();
        })
        .recover(failure -> {
          LOG.error("Could not load shard {}; it goes on with live events only", shard, failure);
          return Future.succeededFuture(0);
        });
  }

  private void release(int shard) {
    OwnedShard released = owned.remove(shard);
    released.checkins().unregister();
    released.queries().unregister();
  }

  private static void merge(Map<Long, Visit> lastVisits, long cellId, Visit visit) {
    lastVisits.merge(cellId, visit, (known, given) -> given.at().isAfter(known.at()) ? given : known);
  }
}
