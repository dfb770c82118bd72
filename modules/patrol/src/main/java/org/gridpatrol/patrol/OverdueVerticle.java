package org.gridpatrol.patrol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.events.ShardOwnership;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.patrol.PlanWindowWatcher.OverdueBatch;
import org.gridpatrol.patrol.SilenceWatcher.SilenceRaise;
import org.gridpatrol.store.AlertRepository.AlertRow;
import org.gridpatrol.store.AlertRepository.LateVisit;
import org.gridpatrol.store.AlertRepository.OverdueRaise;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.PositionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overdue detector: raises a {@code patrol_overdue} alert when a cell of a plan window in a shard this node
 * owns misses its requirement ({@link PlanWindowWatcher} decides when), and {@code officer_silent} when an
 * officer on duty falls silent, cleared when the device is heard again ({@link SilenceWatcher}). This verticle
 * feeds them the clock, the check-ins, the plans and the shards owned, and carries their decisions to the
 * database, the event bus and the metrics.
 *
 * <p>Exactly once: a miss is named by plan, window, cell and since when it is overdue, and the database
 * keeps a cell's miss in one alert row only (unique per plan, window, since and bucket of cells), so two
 * nodes (while a shard moves), a retry or a restart cannot raise it twice. Nothing is lost while a node is
 * down: on start and whenever shards move, the detector takes up the windows of the last {@code catchUp},
 * reloads their visits from the database and fires every deadline that passed meanwhile.
 *
 * <p>All state is touched only on this verticle's event loop. Time comes from the injected clock.
 */
public final class OverdueVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OverdueVerticle.class);
  /**
   * How often the detector looks at its earliest deadlines: a look is a peek at the head of each queue, so it
   * can be often, and it bounds how late after its deadline a miss is raised.
   */
  private static final long TICK_MILLIS = 50;
  private static final long REFRESH_MILLIS = 30_000;

  private final ShardOwnership ownership;
  private final PlanSource planSource;
  private final PositionQueries positions;
  private final AlertRepository alerts;
  private final LongFunction<String> cellCodes;
  private final HolidayCalendar calendar;
  private final Clock clock;
  private final Duration visitGap;
  private final MeterRegistry registry;
  private final Timer detectionLag;
  private final Counter checkinsTaken;

  private final PlanWindowWatcher planWindows;
  private final SilenceWatcher silence;
  private boolean flushScheduled;
  private List<TrackedPlan> plans = List.of();
  private Set<Integer> ownedShards = Set.of();
  private boolean refreshing;
  private boolean refreshAgain;

  /** @param cellCodes a cell's code from its id, for the alerts announced on the event bus */
  public OverdueVerticle(ShardOwnership ownership, PlanSource planSource, PositionQueries positions,
                         AlertRepository alerts, LongFunction<String> cellCodes, HolidayCalendar calendar,
                         Clock clock, Duration visitGap, Duration catchUp, Duration silentAfter,
                         MeterRegistry registry) {
    this.ownership = ownership;
    this.planSource = planSource;
    this.positions = positions;
    this.alerts = alerts;
    this.cellCodes = cellCodes;
    this.calendar = calendar;
    this.clock = clock;
    this.visitGap = visitGap;
    this.registry = registry;
    this.planWindows = new PlanWindowWatcher(catchUp, visitGap);
    this.silence = new SilenceWatcher(silentAfter);
    this.detectionLag = Timer.builder("gridpatrol.overdue.detection.lag")
        .description("From a deadline (plus grace) to its alert being committed")
        .publishPercentiles(0.5, 0.99)
        // Buckets as well, so a benchmark can take percentiles of one phase from two scrapes.
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
    this.checkinsTaken = Counter.builder("gridpatrol.overdue.checkins")
        .description("Check-ins the detector took in (every node's detector hears the whole cluster's)")
        .register(registry);
  }

  @Override
  public Future<?> start() {
    Gauge.builder("gridpatrol.overdue.watched.cells", planWindows, PlanWindowWatcher::watchedCells)
        .description("Cells watched in plan windows by this node's detector").register(registry);
    Gauge.builder("gridpatrol.overdue.deadlines", planWindows, PlanWindowWatcher::armedDeadlines)
        .description("Deadlines armed for cells").register(registry);
    Gauge.builder("gridpatrol.overdue.officers.on.duty", silence, SilenceWatcher::onDuty)
        .description("On-duty officers this node's detector listens for").register(registry);
    vertx.eventBus().<CheckinBatch>consumer(Addresses.CHECKINS, message -> onCheckins(message.body()));
    vertx.eventBus().consumer(Addresses.PLANS_CHANGED, message -> reloadPlans());
    ownership.onChange(() -> context.runOnContext(v -> refresh()));
    vertx.setPeriodic(TICK_MILLIS, id -> fireDue());
    vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
    return reloadPlans();
  }

  private Future<Void> reloadPlans() {
    return planSource.plans()
        .map(loaded -> {
          plans = loaded;
          // A changed plan may have other cells or windows: take everything up again from the database.
          planWindows.clear();
          return null;
        })
        .compose(v -> refresh())
        .onFailure(failure -> LOG.error("Could not load the patrol plans", failure));
  }

  /**
   * Takes up the windows that started within the catch-up period or start soon, for the cells of the shards
   * owned now, and lets go of windows long over and of shards owned no more; and works out who is on duty.
   */
  private Future<Void> refresh() {
    if (refreshing) {
      refreshAgain = true;
      return Future.succeededFuture();
    }
    refreshing = true;
    Set<Integer> owned = new HashSet<>();
    for (int shard = 0; shard < ownership.shardCount(); shard++) {
      if (ownership.ownsLocally(shard)) {
        owned.add(shard);
      }
    }
    if (!owned.equals(ownedShards)) {
      ownedShards = owned;
      planWindows.clear();
    }
    Instant now = clock.instant();
    List<Future<Void>> loads = new ArrayList<>();
    for (WindowTrack track : planWindows.catchUp(plans, calendar, ownedShards, now)) {
      loads.add(loadVisits(track));
    }
    loads.add(refreshDuty(now));
    return Future.join(loads).<Void>mapEmpty().onComplete(done -> {
      refreshing = false;
      if (refreshAgain) {
        refreshAgain = false;
        refresh();
      }
    });
  }

  private Future<Void> loadVisits(WindowTrack track) {
    return positions.visits(track.cellIds(), track.planned.window().start(), track.planned.window().end(),
            visitGap)
        .map(visits -> {
          planWindows.visitsLoaded(track, visits, clock.instant());
          flushSoon();
          return (Void) null;
        })
        .onFailure(failure -> {
          planWindows.loadFailed(track);
          LOG.error("Could not load the visits of plan {} window {}", track.planId, track.planned.window().id(),
              failure);
        });
  }

  /** Who is on duty now; officers newly on duty get their last upload from the database. */
  private Future<Void> refreshDuty(Instant now) {
    List<Long> fresh = silence.takeDuty(plans, calendar, ownedShards, ownership.shardCount(), now);
    Future<Map<Long, Instant>> received = fresh.isEmpty()
        ? Future.succeededFuture(Map.of()) : positions.lastReceived(fresh);
    return received.map(lastReceived -> {
      silence.lastHeard(lastReceived);
      return (Void) null;
    });
  }

  private void onCheckins(CheckinBatch batch) {
    Instant now = clock.instant();
    for (CheckinEvent event : batch.checkins()) {
      OfficerTrack silenceEnded = silence.heard(event.officerId(), event.receivedAt());
      if (silenceEnded != null) {
        clearSilence(silenceEnded);
      }
      planWindows.checkIn(event, now);
    }
    checkinsTaken.increment(batch.checkins().size());
    flushSoon();
  }

  private void fireDue() {
    Instant now = clock.instant();
    for (SilenceRaise raise : silence.takeSilent(now)) {
      raiseSilent(raise, now);
    }
    planWindows.fireDue(now);
    flushSoon();
  }

  /**
   * Everything raised or settled while this event-loop task runs (a tick, a batch of check-ins, a window taken
   * up) goes to the database together, after it.
   */
  private void flushSoon() {
    if (!flushScheduled && planWindows.hasPending()) {
      flushScheduled = true;
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    flushScheduled = false;
    planWindows.takeRaises().forEach(this::raiseCells);
    List<LateVisit> late = planWindows.takeSettles();
    if (!late.isEmpty()) {
      settleLate(late);
    }
  }

  /** Sends a window's misses as one statement; a storm of 75,000 cells is one statement too. */
  private void raiseCells(OverdueBatch batch) {
    long planId = batch.track().planId;
    String windowId = batch.track().planned.window().id();
    long[] cellIds = batch.cellIds();
    alerts.raiseOverdue(new OverdueRaise(planId, windowId, batch.since(), batch.missed(), cellIds), clock.instant())
        .onSuccess(rows -> {
          int raised = rows.stream().mapToInt(row -> row.cellIds().length).sum();
          // Committed now: the lag is measured before the announcements are built.
          count("patrol_overdue", raised, batch.since());
          rows.forEach(row -> publish(AlertAnnouncements.overdueRaised(batch, row, cellCodes)));
          // One line per raise: a whole night plan missed must not bury the log in a line per cell.
          LOG.info("Raised {} patrol_overdue alerts of plan {} window {} since {}{}", raised, planId, windowId,
              batch.since(), raised == cellIds.length ? ""
                  : " (" + (cellIds.length - raised) + " of the cells were raised before)");
        })
        .onFailure(failure -> {
          // The next look at these cells tries again.
          planWindows.raiseFailed(batch);
          LOG.error("Could not raise {} alerts of plan {} window {}", cellIds.length, planId, windowId, failure);
        });
  }

  /** The late visits of one event-loop task, marked in one statement. */
  private void settleLate(List<LateVisit> visits) {
    alerts.satisfyLate(visits, clock.instant())
        .onSuccess(settled -> settled.forEach(late -> publish(AlertAnnouncements.satisfiedLate(late))))
        .onFailure(failure -> LOG.error("Could not mark {} alerts satisfied late", visits.size(), failure));
  }

  private void raiseSilent(SilenceRaise raise, Instant now) {
    alerts.raiseSilent(raise.key(), raise.officer().officerId, raise.missed(), raise.since(), now)
        .onSuccess(raised -> raised.ifPresent(this::announceSilent))
        .onFailure(failure -> {
          silence.raiseFailed(raise);
          LOG.error("Could not raise alert {}", raise.key(), failure);
        });
  }

  private void announceSilent(AlertRow alert) {
    count("officer_silent", 1, alert.overdueSince());
    LOG.info("Alert {} officer_silent: officer {} since {}: {}", alert.id(), alert.officerCode(),
        alert.overdueSince(), alert.missed());
    publish(AlertAnnouncements.silenceRaised(alert));
  }

  private void clearSilence(OfficerTrack officer) {
    alerts.clearSilent(officer.officerId, clock.instant())
        .onSuccess(count -> {
          if (count > 0) {
            publish(AlertAnnouncements.silenceCleared(officer.code));
          }
        })
        .onFailure(failure -> LOG.error("Could not clear the silence alert of {}", officer.code, failure));
  }

  private void count(String kind, int alerts, Instant overdueSince) {
    Counter.builder("gridpatrol.alerts.raised").description("Alerts raised, by kind").tag("kind", kind)
        .register(registry).increment(alerts);
    Duration lag = Duration.between(overdueSince, clock.instant());
    for (int i = 0; i < alerts; i++) {
      detectionLag.record(lag);
    }
  }

  private void publish(JsonObject body) {
    vertx.eventBus().publish(Addresses.ALERTS, body);
  }
}
