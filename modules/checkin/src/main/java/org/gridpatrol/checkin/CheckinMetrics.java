package org.gridpatrol.checkin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.gridpatrol.store.PositionWriter;

/** Check-in counters and the group-commit figures, published on /metrics. */
public final class CheckinMetrics implements PositionWriter.CommitObserver {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter claimsOutsideCell;
  private final DistributionSummary requestItems;
  private final DistributionSummary commitRows;
  private final Timer commitLatency;

  public CheckinMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = outcome("accepted", "none");
    this.duplicates = outcome("duplicate", "none");
    this.claimsOutsideCell = Counter.builder("gridpatrol.checkin.claims.outside.cell")
        .description("Explicit check-ins whose fix was not near the cell they claimed (stored, not counted)")
        .register(registry);
    this.requestItems = DistributionSummary.builder("gridpatrol.checkin.request.items")
        .description("Check-ins per request").register(registry);
    this.commitRows = DistributionSummary.builder("gridpatrol.checkin.commit.rows")
        .description("Check-ins per group commit").register(registry);
    this.commitLatency = Timer.builder("gridpatrol.checkin.commit")
        .description("Time of one group commit").publishPercentiles(0.5, 0.99).register(registry);
  }

  private Counter outcome(String outcome, String reason) {
    return Counter.builder("gridpatrol.checkins").description("Check-ins by outcome and reject reason")
        .tag("outcome", outcome).tag("reason", reason).register(registry);
  }

  void request(int items) {
    requestItems.record(items);
  }

  void accepted() {
    accepted.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void claimOutsideCell() {
    claimsOutsideCell.increment();
  }

  void rejected(String reason) {
    outcome("rejected", reason).increment();
  }

  @Override
  public void committed(int rows, int callers, long nanos) {
    commitRows.record(rows);
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }
}
