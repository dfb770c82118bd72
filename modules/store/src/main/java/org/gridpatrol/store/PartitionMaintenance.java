package org.gridpatrol.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions of the positions table ahead of time and drops the ones past retention.
 * Partitions are created from the oldest day a fix may still be accepted for up to a few days ahead.
 */
public final class PartitionMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);
  private static final int DAYS_AHEAD = 3;
  private static final long PERIOD_MS = TimeUnit.HOURS.toMillis(1);

  private final Pool pool;
  private final Clock clock;
  private final int acceptDaysBack;
  private final int retentionDays;

  /**
   * @param acceptDaysBack how many days old a fix may be and still be accepted (the "too old" filter)
   * @param retentionDays positions older than this many days are dropped; 0 keeps them for ever
   */
  public PartitionMaintenance(Pool pool, Clock clock, int acceptDaysBack, int retentionDays) {
    this.pool = pool;
    this.clock = clock;
    this.acceptDaysBack = acceptDaysBack;
    this.retentionDays = retentionDays;
  }

  public record Outcome(int created, int dropped) {}

  /** Runs now (completing when the partitions are ready) and then every hour, logging what it did. */
  public Future<Outcome> start(Vertx vertx) {
    vertx.setPeriodic(PERIOD_MS, id -> run()
        .onSuccess(outcome -> LOG.info("Partition maintenance: {} created, {} dropped", outcome.created(),
            outcome.dropped()))
        .onFailure(failure -> LOG.error("Partition maintenance failed", failure)));
    return run();
  }

  public Future<Outcome> run() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Future<Integer> created = pool.preparedQuery("SELECT ensure_position_partitions($1, $2)")
        .execute(Tuple.of(today.minusDays(acceptDaysBack + 1L), today.plusDays(DAYS_AHEAD)))
        .map(rows -> rows.iterator().next().getInteger(0));
    return created.compose(c -> {
      if (retentionDays <= 0) {
        return Future.succeededFuture(new Outcome(c, 0));
      }
      return pool.preparedQuery("SELECT drop_position_partitions_before($1)")
          .execute(Tuple.of(today.minusDays(retentionDays)))
          .map(rows -> new Outcome(c, rows.iterator().next().getInteger(0)));
    });
  }
}
