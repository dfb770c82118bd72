package org.gridpatrol.overdue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.grid.Shards;
import org.gridpatrol.domain.plan.CellCoverage;
import org.gridpatrol.domain.plan.CoverageEvaluator;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.Visit;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.events.ShardOwnership;
import org.gridpatrol.overdue.PlanSource.TrackedPlan;
import org.gridpatrol.store.AlertRepository.AlertRow;
import org.gridpatrol.store.AlertRepository.OverdueRaise;
import org.gridpatrol.store.AlertRepository.RaisedCells;
import org.gridpatrol.store.AlertRepository;
import org.gridpatrol.store.PlanRepository.OfficerRef;
import org.gridpatrol.store.PositionQueries.VisitRow;
import org.gridpatrol.store.PositionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overdue detector: for every window of every plan and every cell of it in a shard this node owns, it
 * keeps the next deadline at which the cell's requirement becomes unmet (from {@link CoverageEvaluator}),
 * re-arms it as check-ins arrive, and raises a {@code patrol_overdue} alert when one passes.
 *
 * <p>Exactly once: a miss is named by plan, window, cell and since when it is overdue, and the database
 * keeps a cell's miss in one alert row only (unique per plan, window, since and bucket of cells), so two
 * nodes (while a shard moves), a retry or a restart cannot raise it twice. It also raises
 * {@code officer_silent} when an officer on duty (named by a plan whose window is running, or of its team) has
 * sent nothing for {@code silentAfter}, and clears it when the device is heard again. Nothing is lost while a
 * node is down: on start and whenever shards move, the detector takes up the windows of the last
 * {@code catchUp}, reloads their visits from the database and fires every deadline that passed meanwhile. Between check-ins the work is a look at the earliest deadline every tick,
 * not a scan of the cells.
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
  /** Windows are taken up this long before they start, and kept this long after their end plus grace. */
  private static final Duration LOOKAHEAD = Duration.ofMinutes(2);
  private static final Duration KEEP_AFTER_END = Duration.ofHours(1);

  private final ShardOwnership ownership;
  private final PlanSource planSource;
  private final PositionQueries positions;
  private final AlertRepository alerts;
  private final LongFunction<String> cellCodes;
  private final HolidayCalendar calendar;
  private final Clock clock;
  private final Duration visitGap;
  private final Duration catchUp;
  private final Duration silentAfter;
  private final MeterRegistry registry;
  private final Timer detectionLag;
  private final Counter checkinsTaken;

  private final Map<String, WindowTrack> windows = new HashMap<>();
  private final Map<Long, List<WindowTrack>> windowsByCell = new HashMap<>();
  private final DeadlineQueue<CellTrack> queue = new DeadlineQueue<>();
  private final Map<Long, OfficerTrack> officers = new HashMap<>();
  /** Misses found in the running event-loop task, by window and since: each goes to the database as one raise. */
  private final Map<RaiseKey, PendingRaise> pendingRaises = new LinkedHashMap<>();
  /** The raise the last miss went into: the cells of a storm all go into the same one, without a look-up. */
  private PendingRaise lastRaise;
  private final List<AlertRepository.LateVisit> pendingSettles = new ArrayList<>();
  private final DeadlineQueue<OfficerTrack> silentQueue = new DeadlineQueue<>();
  private List<TrackedPlan> plans = List.of();
  private Set<Integer> ownedShards = Set.of();
  /** Plan and year pairs whose missing holiday data was logged. */
  private final Set<String> yearsWarned = new HashSet<>();
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
    this.catchUp = catchUp;
    this.silentAfter = silentAfter;
    this.registry = registry;
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
    Gauge.builder("gridpatrol.overdue.watched.cells", windows, w -> w.values().stream().mapToInt(WindowTrack::size).sum())
        .description("Cells watched in plan windows by this node's detector").register(registry);
    Gauge.builder("gridpatrol.overdue.deadlines", queue, DeadlineQueue::size)
        .description("Deadlines armed for cells").register(registry);
    Gauge.builder("gridpatrol.overdue.officers.on.duty", officers, Map::size)
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
          windows.clear();
          windowsByCell.clear();
          queue.clear();
          return null;
        })
        .compose(v -> refresh())
        .onFailure(failure -> LOG.error("Could not load the patrol plans", failure));
  }

  /**
   * Takes up the windows that started within the catch-up period or start soon, for the cells of the shards
   * owned now, and lets go of windows long over and of shards owned no more.
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
      windows.clear();
      windowsByCell.clear();
      queue.clear();
    }
    Instant now = clock.instant();
    windows.values().removeIf(track -> {
      boolean over = track.planned.window().end().plus(track.planned.version().requirement().grace())
          .plus(KEEP_AFTER_END).isBefore(now);
      if (over) {
        track.cells().forEach(cell -> windowsByCell.getOrDefault(cell.cellId, new ArrayList<>()).remove(track));
      }
      return over;
    });
    List<Future<Void>> loads = new ArrayList<>();
    for (TrackedPlan plan : plans) {
      List<PlannedWindow> planned;
      try {
        planned = plan.history().windows(calendar, now.minus(catchUp), now.plus(LOOKAHEAD));
      } catch (YearNotCoveredException e) {
        // Every refresh meets it again; once a plan and year is enough for the log.
        if (yearsWarned.add(plan.id() + "/" + e.year())) {
          LOG.warn("Plan {}: its windows are not scheduled until the calendar has the year: {}", plan.id(),
              e.getMessage());
        }
        continue;
      }
      for (PlannedWindow window : planned) {
        if (!windows.containsKey(WindowTrack.key(plan.id(), window.window().id()))) {
          loads.add(takeUp(plan, window));
        }
      }
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

  /**
   * Who is on duty now (the officers of every plan window running now, in the shards this node owns by
   * officer code) and until when; officers newly on duty get their last upload from the database.
   */
  private Future<Void> refreshDuty(Instant now) {
    Map<Long, OfficerTrack> duty = new HashMap<>();
    for (TrackedPlan plan : plans) {
      List<PlannedWindow> running;
      try {
        running = plan.history().windows(calendar, now, now.plusMillis(1));
      } catch (YearNotCoveredException e) {
        continue;
      }
      for (PlannedWindow window : running) {
        for (OfficerRef officer : plan.officersByVersion().getOrDefault(window.version().version(), List.of())) {
          if (!ownedShards.contains(Shards.shardOf(officer.code(), ownership.shardCount()))) {
            continue;
          }
          OfficerTrack track = duty.computeIfAbsent(officer.id(),
              id -> officers.getOrDefault(id, new OfficerTrack(id, officer.code())));
          Instant start = window.window().start();
          Instant end = window.window().end();
          if (track.dutySince == null || start.isBefore(track.dutySince)) {
            track.dutySince = start;
          }
          track.dutyUntil = track.dutyUntil == null || end.isAfter(track.dutyUntil) ? end : track.dutyUntil;
        }
      }
    }
    List<Long> fresh = duty.keySet().stream().filter(id -> !officers.containsKey(id)).toList();
    officers.clear();
    officers.putAll(duty);
    if (fresh.isEmpty()) {
      officers.values().forEach(this::armSilence);
      return Future.succeededFuture();
    }
    return positions.lastReceived(fresh).map(received -> {
      received.forEach((id, at) -> {
        OfficerTrack track = officers.get(id);
        if (track != null && (track.lastReceived == null || at.isAfter(track.lastReceived))) {
          track.lastReceived = at;
        }
      });
      officers.values().forEach(this::armSilence);
      return (Void) null;
    });
  }

  private void armSilence(OfficerTrack track) {
    Instant deadline = track.silentFrom().plus(silentAfter);
    if (deadline.isBefore(track.dutyUntil)) {
      silentQueue.arm(track, deadline);
    } else {
      silentQueue.disarm(track);
    }
  }

  private Future<Void> takeUp(TrackedPlan plan, PlannedWindow planned) {
    List<Long> owned = new ArrayList<>();
    plan.cellsByVersion().getOrDefault(planned.version().version(), Map.of()).forEach((cellId, shard) -> {
      if (ownedShards.contains(shard)) {
        owned.add(cellId);
      }
    });
    WindowTrack track = new WindowTrack(plan.id(), planned, owned);
    if (track.size() == 0) {
      return Future.succeededFuture();
    }
    windows.put(track.key(), track);
    track.cells().forEach(cell -> windowsByCell.computeIfAbsent(cell.cellId, c -> new ArrayList<>()).add(track));
    return positions.visits(owned, planned.window().start(), planned.window().end(),
            visitGap)
        .map(visits -> {
          if (windows.get(track.key()) != track) {
            // Let go meanwhile (plans reloaded, shards moved): a newer take-up of the window judges it.
            return (Void) null;
          }
          for (VisitRow visit : visits) {
            CellTrack cell = track.cell(visit.cellId());
            if (cell != null) {
              cell.addLoaded(visit.officerCode(), new Visit(visit.start(), visit.end(), visit.explicit()));
            }
          }
          track.cells().forEach(cell -> judge(track, cell));
          return (Void) null;
        })
        .onFailure(failure -> {
          // Forget it so the next refresh tries again.
          windows.remove(track.key());
          track.cells().forEach(cell -> windowsByCell.getOrDefault(cell.cellId, new ArrayList<>()).remove(track));
          LOG.error("Could not load the visits of plan {} window {}", plan.id(), planned.window().id(), failure);
        });
  }

  private void onCheckins(CheckinBatch batch) {
    for (CheckinEvent event : batch.checkins()) {
      OfficerTrack officer = event.officerId() == null ? null : officers.get(event.officerId());
      if (officer != null) {
        heard(officer, event.receivedAt());
      }
      if (event.cellId() == null) {
        continue;
      }
      for (WindowTrack track : windowsByCell.getOrDefault(event.cellId(), List.of())) {
        Instant at = event.fixTime();
        if (at.isBefore(track.planned.window().start()) || !at.isBefore(track.planned.window().end())) {
          continue;
        }
        CellTrack cell = track.cell(event.cellId());
        cell.addFix(event.officerCode(), at, event.explicitCell(), visitGap);
        judge(track, cell);
      }
    }
    checkinsTaken.increment(batch.checkins().size());
  }

  /** The officer's device was heard: a silence alert of theirs is cleared, and the silence deadline moves. */
  private void heard(OfficerTrack officer, Instant receivedAt) {
    if (officer.lastReceived != null && !receivedAt.isAfter(officer.lastReceived)) {
      return;
    }
    officer.lastReceived = receivedAt;
    Instant now = clock.instant();
    if (officer.raisedKey != null) {
      officer.raisedKey = null;
      alerts.clearSilent(officer.officerId, now)
          .onSuccess(count -> {
            if (count > 0) {
              publish(new JsonObject().put("kind", "officer_silent").put("status", "cleared")
                  .put("officer", officer.code));
            }
          })
          .onFailure(failure -> LOG.error("Could not clear the silence alert of {}", officer.code, failure));
    }
    armSilence(officer);
  }

  private void fireDue() {
    Instant now = clock.instant();
    for (OfficerTrack officer : silentQueue.takeDue(now)) {
      if (officers.get(officer.officerId) == officer && now.isBefore(officer.dutyUntil)) {
        raiseSilent(officer, officer.silentFrom().plus(silentAfter), now);
      }
    }
    for (CellTrack cell : queue.takeDue(now)) {
      // A cell of a window dropped meanwhile (plans reloaded, shards moved) is no longer watched here.
      if (windows.get(cell.window.key()) == cell.window) {
        judge(cell.window, cell);
      }
    }
  }

  /** Evaluates one cell of one window now: raises or settles its alert and arms its next deadline. */
  private void judge(WindowTrack track, CellTrack cell) {
    Instant now = clock.instant();
    PlannedWindow planned = track.planned;
    CellCoverage coverage = CoverageEvaluator.evaluate(planned.window(), planned.version().requirement(),
        cell.visits(), now);
    switch (coverage.status()) {
      case OVERDUE -> raise(track, cell, coverage);
      case SATISFIED_LATE -> {
        // Also after a restart, when this node never raised the alert itself: the update is idempotent.
        if (!cell.settledLate) {
          cell.settledLate = true;
          if (pendingSettles.isEmpty()) {
            context.runOnContext(v -> flushSettles());
          }
          pendingSettles.add(new AlertRepository.LateVisit(track.planId, planned.window().id(), cell.cellId));
        }
      }
      default -> { }
    }
    // While overdue, the missed deadline is in the past; look again when the window is over.
    Instant next = coverage.status() == CellCoverage.Status.OVERDUE
        ? planned.window().end().plus(planned.version().requirement().grace())
        : coverage.nextDeadline().orElse(null);
    if (next != null && next.isAfter(now)) {
      queue.arm(cell, next);
    } else {
      queue.disarm(cell);
    }
  }

  private void raise(WindowTrack track, CellTrack cell, CellCoverage coverage) {
    Instant since = coverage.overdueSince().orElseThrow();
    if (cell.raisedSince == since.toEpochMilli()) {
      return;
    }
    cell.raisedSince = since.toEpochMilli();
    cell.settledLate = false;
    if (pendingRaises.isEmpty()) {
      // Everything raised while this event-loop task runs (a tick, a batch of check-ins, a window taken up)
      // goes to the database together.
      context.runOnContext(v -> flushRaises());
    }
    if (lastRaise == null || lastRaise.track() != track || !lastRaise.since().equals(since)) {
      lastRaise = pendingRaises.computeIfAbsent(new RaiseKey(track, since), key -> new PendingRaise(track, since,
          CoverageEvaluator.missedAt(track.planned.window(), track.planned.version().requirement(), since)));
    }
    lastRaise.cells().add(cell);
  }

  /** A window and the instant its cells fell overdue. */
  private record RaiseKey(WindowTrack track, Instant since) {}

  /** The cells of one window that fell overdue at the same instant, to be raised together. */
  private record PendingRaise(WindowTrack track, Instant since, String missed, List<CellTrack> cells) {
    PendingRaise(WindowTrack track, Instant since, String missed) {
      this(track, since, missed, new ArrayList<>());
    }
  }

  /** Sends each window's misses as one statement; a storm of 75,000 cells is one statement too. */
  private void flushRaises() {
    List<PendingRaise> raises = new ArrayList<>(pendingRaises.values());
    pendingRaises.clear();
    lastRaise = null;
    raises.forEach(this::raiseCells);
  }

  private void raiseCells(PendingRaise pending) {
    long planId = pending.track().planId;
    String windowId = pending.track().planned.window().id();
    long[] cellIds = pending.cells().stream().mapToLong(cell -> cell.cellId).toArray();
    alerts.raiseOverdue(new OverdueRaise(planId, windowId, pending.since(), pending.missed(), cellIds),
            clock.instant())
        .onSuccess(rows -> {
          int raised = rows.stream().mapToInt(row -> row.cellIds().length).sum();
          // Committed now: the lag is measured before the announcements are built.
          count("patrol_overdue", raised, pending.since());
          rows.forEach(row -> announce(pending, row));
          // One line per raise: a whole night plan missed must not bury the log in a line per cell.
          LOG.info("Raised {} patrol_overdue alerts of plan {} window {} since {}{}", raised, planId, windowId,
              pending.since(), raised == cellIds.length ? ""
                  : " (" + (cellIds.length - raised) + " of the cells were raised before)");
        })
        .onFailure(failure -> {
          // The next look at these cells tries again.
          long since = pending.since().toEpochMilli();
          pending.cells().forEach(cell -> {
            if (cell.raisedSince == since) {
              cell.raisedSince = CellTrack.NOT_RAISED;
            }
          });
          LOG.error("Could not raise {} alerts of plan {} window {}", cellIds.length, planId, windowId, failure);
        });
  }

  /** The late visits of one event-loop task, marked in one statement. */
  private void flushSettles() {
    List<AlertRepository.LateVisit> visits = new ArrayList<>(pendingSettles);
    pendingSettles.clear();
    alerts.satisfyLate(visits, clock.instant())
        .onSuccess(settled -> settled.forEach(late -> publish(new JsonObject().put("id", late.id())
            .put("kind", "patrol_overdue").put("status", "satisfied_late").put("plan", late.planId())
            .put("window", late.windowId()).put("cell", late.cellCode()))))
        .onFailure(failure -> LOG.error("Could not mark {} alerts satisfied late", visits.size(), failure));
  }

  private void raiseSilent(OfficerTrack officer, Instant since, Instant now) {
    String key = "officer_silent:" + officer.officerId + ":" + since.toEpochMilli();
    officer.raisedKey = key;
    String missed = "no fix for " + silentAfter.toMinutes() + " min while on duty";
    alerts.raiseSilent(key, officer.officerId, missed, since, now)
        .onSuccess(raised -> raised.ifPresent(this::announceSilent))
        .onFailure(failure -> {
          officer.raisedKey = null;
          LOG.error("Could not raise alert {}", key, failure);
        });
  }

  private void announceSilent(AlertRow alert) {
    count("officer_silent", 1, alert.overdueSince());
    LOG.info("Alert {} officer_silent: officer {} since {}: {}", alert.id(), alert.officerCode(),
        alert.overdueSince(), alert.missed());
    publish(new JsonObject()
        .put("id", alert.id())
        .put("kind", alert.kind())
        .put("status", alert.status())
        .put("officer", alert.officerCode())
        .put("team", alert.teamCode())
        .put("missed", alert.missed())
        .put("overdueSince", alert.overdueSince().toEpochMilli()));
  }

  /** One message for the cells a raise added to an alert row; the live map shows each cell. */
  private void announce(PendingRaise pending, RaisedCells row) {
    JsonArray cells = new JsonArray(new ArrayList<>(row.cellIds().length));
    for (long cellId : row.cellIds()) {
      cells.add(cellCodes.apply(cellId));
    }
    publish(new JsonObject()
        .put("id", row.id())
        .put("kind", "patrol_overdue")
        .put("status", "open")
        .put("plan", pending.track().planId)
        .put("window", pending.track().planned.window().id())
        .put("cells", cells)
        .put("team", row.teamCode())
        .put("missed", pending.missed())
        .put("overdueSince", pending.since().toEpochMilli()));
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
