package org.gridpatrol.patrol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.plan.CellCoverage;
import org.gridpatrol.domain.plan.CoverageEvaluator;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.domain.plan.Visit;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.store.AlertRepository.LateVisit;
import org.gridpatrol.store.PositionQueries.VisitRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan-window half of the detector: for every window of every plan and every cell of it in a shard this
 * node owns, it keeps the next deadline at which the cell's requirement becomes unmet (from
 * {@link CoverageEvaluator}), re-arms it as check-ins arrive, and collects the cells whose deadline passed as
 * raises, and the cells visited after being overdue as late visits. Between check-ins the work is a look at
 * the earliest deadline, not a scan of the cells.
 *
 * <p>It decides only: the caller loads the visits of the windows it takes up, sends the raises and late visits
 * it takes to the database, and reports back what failed. Time is the {@code now} each call is given. Not
 * thread-safe (one event loop owns it).
 */
final class PlanWindowWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(PlanWindowWatcher.class);
  /** Windows are taken up this long before they start, and kept this long after their end plus grace. */
  private static final Duration LOOKAHEAD = Duration.ofMinutes(2);
  private static final Duration KEEP_AFTER_END = Duration.ofHours(1);

  private final Duration catchUp;
  private final Duration visitGap;
  private final Map<String, WindowTrack> windows = new HashMap<>();
  /**
   * Windows let go because they are long over, by key, with their start: they still lie within the catch-up
   * period, and without this every refresh would take them up again, reload their visits and send their
   * misses to the database once more (about every 30 s for the rest of the day).
   */
  private final Map<String, Instant> over = new HashMap<>();
  private final Map<Long, List<WindowTrack>> windowsByCell = new HashMap<>();
  private final DeadlineQueue<CellTrack> queue = new DeadlineQueue<>();
  /** Misses found since the raises were last taken, by window and since: each goes to the database as one raise. */
  private final Map<RaiseKey, OverdueBatch> pendingRaises = new LinkedHashMap<>();
  /** The raise the last miss went into: the cells of a storm all go into the same one, without a look-up. */
  private OverdueBatch lastRaise;
  private final List<LateVisit> pendingSettles = new ArrayList<>();
  /** Plan and year pairs whose missing holiday data was logged. */
  private final Set<String> yearsWarned = new HashSet<>();

  /**
   * @param catchUp  how far back windows are taken up, so deadlines that passed while no node watched fire
   * @param visitGap fixes of one officer in a cell with gaps up to this long are one visit
   */
  PlanWindowWatcher(Duration catchUp, Duration visitGap) {
    this.catchUp = catchUp;
    this.visitGap = visitGap;
  }

  /** A window and the instant its cells fell overdue. */
  private record RaiseKey(WindowTrack track, Instant since) {}

  /** The cells of one window that fell overdue at the same instant, to be raised together. */
  record OverdueBatch(WindowTrack track, Instant since, String missed, List<CellTrack> cells) {
    OverdueBatch(WindowTrack track, Instant since, String missed) {
      this(track, since, missed, new ArrayList<>());
    }

    long[] cellIds() {
      return cells.stream().mapToLong(cell -> cell.cellId).toArray();
    }
  }

  /** Lets go of every window, so the next catch-up takes everything up again from the database. */
  void clear() {
    windows.clear();
    over.clear();
    windowsByCell.clear();
    queue.clear();
  }

  /**
   * Lets go of windows long over, and takes up the windows of the plans that started within the catch-up
   * period or start soon, for the cells of the owned shards. Each window taken up is watched from now on and
   * waits for its visits: the caller loads them and hands them to {@link #visitsLoaded} (or reports
   * {@link #loadFailed}).
   *
   * @return the windows taken up, each with at least one cell
   */
  List<WindowTrack> catchUp(List<TrackedPlan> plans, HolidayCalendar calendar, Set<Integer> ownedShards,
                            Instant now) {
    windows.values().removeIf(track -> {
      boolean longOver = track.planned.window().end().plus(track.planned.version().requirement().grace())
          .plus(KEEP_AFTER_END).isBefore(now);
      if (longOver) {
        unlinkCells(track);
        over.put(track.key(), track.planned.window().start());
      }
      return longOver;
    });
    Instant from = now.minus(catchUp);
    over.values().removeIf(start -> start.isBefore(from));
    List<WindowTrack> takenUp = new ArrayList<>();
    for (TrackedPlan plan : plans) {
      List<PlannedWindow> planned;
      try {
        planned = plan.history().windows(calendar, from, now.plus(LOOKAHEAD));
      } catch (YearNotCoveredException e) {
        // Every refresh meets it again; once a plan and year is enough for the log.
        if (yearsWarned.add(plan.id() + "/" + e.year())) {
          LOG.warn("Plan {}: its windows are not scheduled until the calendar has the year: {}", plan.id(),
              e.getMessage());
        }
        continue;
      }
      for (PlannedWindow window : planned) {
        String key = WindowTrack.key(plan.id(), window.window().id());
        if (!windows.containsKey(key) && !over.containsKey(key)) {
          WindowTrack track = takeUp(plan, window, ownedShards);
          if (track != null) {
            takenUp.add(track);
          }
        }
      }
    }
    return takenUp;
  }

  private WindowTrack takeUp(TrackedPlan plan, PlannedWindow planned, Set<Integer> ownedShards) {
    List<Long> owned = new ArrayList<>();
    plan.cellsByVersion().getOrDefault(planned.version().version(), Map.of()).forEach((cellId, shard) -> {
      if (ownedShards.contains(shard)) {
        owned.add(cellId);
      }
    });
    WindowTrack track = new WindowTrack(plan.id(), planned, owned);
    if (track.size() == 0) {
      return null;
    }
    windows.put(track.key(), track);
    track.cells().forEach(cell -> windowsByCell.computeIfAbsent(cell.cellId, c -> new ArrayList<>()).add(track));
    return track;
  }

  /**
   * The visits of a window taken up, as the database has them: every cell of it is judged, so each deadline
   * that passed meanwhile fires now, once.
   */
  void visitsLoaded(WindowTrack track, List<VisitRow> visits, Instant now) {
    if (windows.get(track.key()) != track) {
      // Let go meanwhile (plans reloaded, shards moved): a newer take-up of the window judges it.
      return;
    }
    for (VisitRow visit : visits) {
      CellTrack cell = track.cell(visit.cellId());
      if (cell != null) {
        cell.addLoaded(visit.officerCode(), new Visit(visit.start(), visit.end(), visit.explicit()));
      }
    }
    track.cells().forEach(cell -> judge(track, cell, now));
  }

  /** The visits of a window could not be loaded: it is forgotten, so the next catch-up tries again. */
  void loadFailed(WindowTrack track) {
    windows.remove(track.key());
    unlinkCells(track);
  }

  private void unlinkCells(WindowTrack track) {
    track.cells().forEach(cell -> windowsByCell.getOrDefault(cell.cellId, new ArrayList<>()).remove(track));
  }

  /** A check-in: a fix inside a watched window re-evaluates its cell there and re-arms the cell's deadline. */
  void checkIn(CheckinEvent event, Instant now) {
    if (event.cellId() == null) {
      return;
    }
    for (WindowTrack track : windowsByCell.getOrDefault(event.cellId(), List.of())) {
      Instant at = event.fixTime();
      if (at.isBefore(track.planned.window().start()) || !at.isBefore(track.planned.window().end())) {
        continue;
      }
      CellTrack cell = track.cell(event.cellId());
      cell.addFix(event.officerCode(), at, event.explicitCell(), visitGap);
      judge(track, cell, now);
    }
  }

  /** Judges the cells whose deadline is at or before now. */
  void fireDue(Instant now) {
    for (CellTrack cell : queue.takeDue(now)) {
      // A cell of a window dropped meanwhile (plans reloaded, shards moved) is no longer watched here.
      if (windows.get(cell.window.key()) == cell.window) {
        judge(cell.window, cell, now);
      }
    }
  }

  /** Evaluates one cell of one window now: raises or settles its alert and arms its next deadline. */
  private void judge(WindowTrack track, CellTrack cell, Instant now) {
    PlannedWindow planned = track.planned;
    CellCoverage coverage = CoverageEvaluator.evaluate(planned.window(), planned.version().requirement(),
        cell.visits(), now);
    switch (coverage.status()) {
      case OVERDUE -> raise(track, cell, coverage);
      case SATISFIED_LATE -> {
        // Also after a restart, when this node never raised the alert itself: the update is idempotent.
        if (!cell.settledLate) {
          cell.settledLate = true;
          pendingSettles.add(new LateVisit(track.planId, planned.window().id(), cell.cellId));
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
    if (lastRaise == null || lastRaise.track() != track || !lastRaise.since().equals(since)) {
      lastRaise = pendingRaises.computeIfAbsent(new RaiseKey(track, since), key -> new OverdueBatch(track, since,
          CoverageEvaluator.missedAt(track.planned.window(), track.planned.version().requirement(), since)));
    }
    lastRaise.cells().add(cell);
  }

  /** Whether raises or late visits wait to be taken. */
  boolean hasPending() {
    return !pendingRaises.isEmpty() || !pendingSettles.isEmpty();
  }

  /** The misses found since the last call, one batch per window and since, in the order they were found. */
  List<OverdueBatch> takeRaises() {
    List<OverdueBatch> raises = new ArrayList<>(pendingRaises.values());
    pendingRaises.clear();
    lastRaise = null;
    return raises;
  }

  /** The cells visited after being overdue since the last call, each once. */
  List<LateVisit> takeSettles() {
    List<LateVisit> visits = new ArrayList<>(pendingSettles);
    pendingSettles.clear();
    return visits;
  }

  /** A raise did not reach the database: the next look at these cells raises them again. */
  void raiseFailed(OverdueBatch batch) {
    long since = batch.since().toEpochMilli();
    batch.cells().forEach(cell -> {
      if (cell.raisedSince == since) {
        cell.raisedSince = CellTrack.NOT_RAISED;
      }
    });
  }

  int watchedCells() {
    return windows.values().stream().mapToInt(WindowTrack::size).sum();
  }

  int armedDeadlines() {
    return queue.size();
  }
}
