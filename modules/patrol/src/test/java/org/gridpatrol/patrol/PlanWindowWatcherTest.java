package org.gridpatrol.patrol;

import static org.gridpatrol.patrol.TestPlans.CALENDAR;
import static org.gridpatrol.patrol.TestPlans.WINDOW_ID;
import static org.gridpatrol.patrol.TestPlans.at;
import static org.gridpatrol.patrol.TestPlans.plan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.gridpatrol.events.CheckinEvent;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.patrol.PlanWindowWatcher.OverdueBatch;
import org.gridpatrol.store.AlertRepository.LateVisit;
import org.gridpatrol.store.PositionQueries.VisitRow;
import org.junit.jupiter.api.Test;

/** The plan window 08:00-20:00 needs every cell visited at least every 30 minutes, without grace. */
class PlanWindowWatcherTest {
  private static final long PLAN = 7;
  private static final long A = 101;
  private static final long B = 102;
  private static final long C = 103;
  private static final long D = 104;
  private static final Set<Integer> OWNED = Set.of(0);

  private final PlanWindowWatcher watcher = new PlanWindowWatcher(Duration.ofHours(6), Duration.ofMinutes(10));

  private static Map<Long, Integer> inShardZero(long... cells) {
    Map<Long, Integer> shards = new LinkedHashMap<>();
    for (long cell : cells) {
      shards.put(cell, 0);
    }
    return shards;
  }

  /** The window taken up shortly before it starts, with no visits in the database. */
  private WindowTrack watchingFromTheStart(long... cells) {
    List<WindowTrack> takenUp = watcher.catchUp(List.of(plan(PLAN, inShardZero(cells), List.of())), CALENDAR,
        OWNED, at("07:59"));
    assertEquals(1, takenUp.size());
    watcher.visitsLoaded(takenUp.get(0), List.of(), at("07:59"));
    return takenUp.get(0);
  }

  private static CheckinEvent fix(long cellId, Instant at) {
    return new CheckinEvent("device-1", 1L, "P0001", cellId, "code-" + cellId, 0, at, at, at, 39.9, 116.4, null,
        false);
  }

  /** The cells raised since the last look, by the instant they fell overdue. */
  private Map<Instant, Set<Long>> raised() {
    Map<Instant, Set<Long>> bySince = new HashMap<>();
    for (OverdueBatch batch : watcher.takeRaises()) {
      assertEquals(WINDOW_ID, batch.track().planned.window().id());
      Set<Long> cells = Set.copyOf(LongStream.of(batch.cellIds()).boxed().toList());
      assertNull(bySince.put(batch.since(), cells), "one batch per window and instant");
    }
    return bySince;
  }

  @Test
  void aPassedDeadlineRaisesTheCellOnceAndOnlyOnce() {
    watchingFromTheStart(A, B);
    watcher.fireDue(at("08:29:59.999"));
    assertEquals(Map.of(), raised());

    watcher.fireDue(at("08:30"));
    assertTrue(watcher.hasPending());
    List<OverdueBatch> batches = watcher.takeRaises();
    assertEquals(1, batches.size(), "both cells fell overdue at the same instant: one raise");
    assertEquals(at("08:30"), batches.get(0).since());
    assertEquals("gap > 30m", batches.get(0).missed());
    assertEquals(Set.of(A, B), Set.copyOf(LongStream.of(batches.get(0).cellIds()).boxed().toList()));
    assertFalse(watcher.hasPending());

    // Looked at again at the window end (the deadline armed while overdue), and later: nothing new.
    for (String later : List.of("08:31", "12:00", "20:00", "20:30")) {
      watcher.fireDue(at(later));
      assertEquals(Map.of(), raised(), "at " + later);
    }
    assertFalse(watcher.hasPending());
  }

  @Test
  void aCheckInBeforeTheDeadlineReArmsIt() {
    watchingFromTheStart(A, B);
    watcher.checkIn(fix(A, at("08:20")), at("08:20"));
    assertEquals(Map.of(), raised());

    watcher.fireDue(at("08:30"));
    assertEquals(Map.of(at("08:30"), Set.of(B)), raised(), "A's deadline moved to 30 minutes after its visit");
    watcher.fireDue(at("08:49:59"));
    assertEquals(Map.of(), raised());
    watcher.fireDue(at("08:50"));
    assertEquals(Map.of(at("08:50"), Set.of(A)), raised());
  }

  @Test
  void aFixOutsideTheWindowDoesNotReArm() {
    watchingFromTheStart(A);
    watcher.checkIn(fix(A, at("07:58")), at("08:20"));
    watcher.checkIn(fix(A, at("20:00")), at("08:20"));
    watcher.fireDue(at("08:30"));
    assertEquals(Map.of(at("08:30"), Set.of(A)), raised());
  }

  @Test
  void aVisitAfterBeingOverdueSettlesTheCellLateOnce() {
    watchingFromTheStart(B);
    watcher.fireDue(at("08:30"));
    assertEquals(Map.of(at("08:30"), Set.of(B)), raised());

    watcher.checkIn(fix(B, at("08:40")), at("08:40"));
    assertEquals(List.of(new LateVisit(PLAN, WINDOW_ID, B)), watcher.takeSettles());
    assertEquals(Map.of(), raised());
    watcher.checkIn(fix(B, at("08:41")), at("08:41"));
    assertEquals(List.of(), watcher.takeSettles(), "settled once");

    // The officer left at 08:41 (a fix within the visit gap extends the visit): the next gap is a new miss.
    watcher.fireDue(at("09:10:59"));
    assertEquals(Map.of(), raised());
    watcher.fireDue(at("09:11"));
    assertEquals(Map.of(at("09:11"), Set.of(B)), raised());
  }

  @Test
  void catchUpAfterAGapFiresEachPassedDeadlineOnce() {
    // Down from before 08:00 until 12:00; the database has the visits made meanwhile.
    List<WindowTrack> takenUp = watcher.catchUp(List.of(plan(PLAN, inShardZero(A, B, C, D), List.of())),
        CALENDAR, OWNED, at("12:00"));
    assertEquals(1, takenUp.size(), "only today's window lies within the 6 hours of catch-up");
    WindowTrack track = takenUp.get(0);
    assertEquals(WINDOW_ID, track.planned.window().id());
    assertEquals(List.of(A, B, C, D), track.cellIds());

    watcher.visitsLoaded(track, List.of(
        new VisitRow(A, "P0001", at("08:00"), at("08:20"), false),
        new VisitRow(C, "P0001", at("08:00"), at("11:50"), false),
        // D was missed from 08:40 and made good at 09:00.
        new VisitRow(D, "P0002", at("08:00"), at("08:10"), false),
        new VisitRow(D, "P0002", at("09:00"), at("11:55"), false)), at("12:00"));
    assertEquals(Map.of(at("08:30"), Set.of(B), at("08:50"), Set.of(A)), raised());
    assertEquals(List.of(new LateVisit(PLAN, WINDOW_ID, D)), watcher.takeSettles(),
        "settled although this node never raised D's alert");

    // The next refresh finds the window watched already; looking again fires nothing that fired.
    assertEquals(List.of(), watcher.catchUp(List.of(plan(PLAN, inShardZero(A, B, C, D), List.of())), CALENDAR,
        OWNED, at("12:00:30")));
    watcher.fireDue(at("12:00:30"));
    assertEquals(Map.of(), raised());
    // Deadlines not yet passed are armed as before the gap.
    watcher.fireDue(at("12:20"));
    assertEquals(Map.of(at("12:20"), Set.of(C)), raised());
  }

  @Test
  void aWindowLongOverIsLetGoAndNotTakenUpAgainWithinTheCatchUp() {
    // The production catch-up: a day, so today's window lies within it long after its end.
    PlanWindowWatcher dayLong = new PlanWindowWatcher(Duration.ofHours(24), Duration.ofMinutes(10));
    List<TrackedPlan> plans = List.of(plan(PLAN, inShardZero(A, B), List.of()));
    List<WindowTrack> takenUp = dayLong.catchUp(plans, CALENDAR, OWNED, at("07:59"));
    assertEquals(2, takenUp.size(), "yesterday's window and today's");
    takenUp.forEach(track -> dayLong.visitsLoaded(track, List.of(), at("07:59")));
    dayLong.fireDue(at("20:00"));
    dayLong.takeRaises();

    // An hour after its end the window is let go; the refreshes after that must not load and raise it again.
    assertEquals(List.of(), dayLong.catchUp(plans, CALENDAR, OWNED, at("21:00:30")), "still kept");
    assertEquals(List.of(), dayLong.catchUp(plans, CALENDAR, OWNED, at("21:01")), "let go, not taken up again");
    assertEquals(0, dayLong.watchedCells());
    assertEquals(List.of(), dayLong.catchUp(plans, CALENDAR, OWNED, at("21:01:30")));
    assertEquals(List.of(), dayLong.takeRaises());

    // Shards moving (or plans changing) clear the watcher: then the window is taken up once more, so cells
    // new to this node are judged.
    dayLong.clear();
    assertEquals(1, dayLong.catchUp(plans, CALENDAR, OWNED, at("21:02")).size());
  }

  @Test
  void onlyTheCellsOfOwnedShardsAreWatched() {
    Map<Long, Integer> shards = Map.of(A, 0, B, 1, C, 2);
    List<WindowTrack> takenUp = watcher.catchUp(List.of(plan(PLAN, shards, List.of())), CALENDAR, Set.of(0, 2),
        at("07:59"));
    assertEquals(List.of(A, C), takenUp.get(0).cellIds());
    assertEquals(2, watcher.watchedCells());

    PlanWindowWatcher elsewhere = new PlanWindowWatcher(Duration.ofHours(6), Duration.ofMinutes(10));
    assertEquals(List.of(), elsewhere.catchUp(List.of(plan(PLAN, shards, List.of())), CALENDAR, Set.of(3),
        at("07:59")), "no window without a cell of an owned shard");
  }

  @Test
  void aWindowLetGoIsNoLongerJudged() {
    watchingFromTheStart(A);
    assertEquals(1, watcher.armedDeadlines());
    // Shards moved or plans reloaded.
    watcher.clear();
    assertEquals(0, watcher.watchedCells());
    watcher.checkIn(fix(A, at("08:10")), at("08:10"));
    watcher.fireDue(at("08:30"));
    assertEquals(Map.of(), raised());

    // Visits that arrive for a window let go while they were loaded are dropped, for a newer take-up to judge.
    List<WindowTrack> takenUp = watcher.catchUp(List.of(plan(PLAN, inShardZero(A), List.of())), CALENDAR, OWNED,
        at("12:00"));
    watcher.clear();
    watcher.visitsLoaded(takenUp.get(0), List.of(), at("12:00"));
    assertEquals(Map.of(), raised());
    assertEquals(0, watcher.armedDeadlines());
  }

  @Test
  void aWindowWhoseVisitsFailedToLoadIsTakenUpAgain() {
    TrackedPlan plan = plan(PLAN, inShardZero(A), List.of());
    WindowTrack first = watcher.catchUp(List.of(plan), CALENDAR, OWNED, at("12:00")).get(0);
    watcher.loadFailed(first);
    watcher.checkIn(fix(A, at("12:00")), at("12:00"));
    assertEquals(Map.of(), raised(), "a check-in does not judge the forgotten window");
    List<WindowTrack> again = watcher.catchUp(List.of(plan), CALENDAR, OWNED, at("12:00:30"));
    assertEquals(1, again.size());
    watcher.visitsLoaded(again.get(0), List.of(), at("12:00:30"));
    assertEquals(Map.of(at("08:30"), Set.of(A)), raised());
  }

  @Test
  void aRaiseThatFailedIsRaisedAgainAtTheNextLook() {
    watchingFromTheStart(A);
    watcher.fireDue(at("08:30"));
    List<OverdueBatch> batches = watcher.takeRaises();
    watcher.raiseFailed(batches.get(0));
    // While overdue the cell is looked at again at the window end.
    watcher.fireDue(at("19:59:59"));
    assertEquals(Map.of(), raised());
    watcher.fireDue(at("20:00"));
    assertEquals(Map.of(at("08:30"), Set.of(A)), raised());
  }

  @Test
  void aStormIsOneRaisePerWindowAndInstant() {
    long[] cells = LongStream.rangeClosed(1, 5_000).toArray();
    TrackedPlan night = plan(PLAN, inShardZero(cells), List.of());
    TrackedPlan other = plan(PLAN + 1, inShardZero(A), List.of());
    for (WindowTrack track : watcher.catchUp(List.of(night, other), CALENDAR, OWNED, at("07:59"))) {
      watcher.visitsLoaded(track, List.of(), at("07:59"));
    }
    watcher.fireDue(at("08:30"));
    List<OverdueBatch> batches = watcher.takeRaises();
    assertEquals(2, batches.size(), "one raise per plan window");
    Map<Long, long[]> cellsByPlan = new HashMap<>();
    batches.forEach(batch -> cellsByPlan.put(batch.track().planId, LongStream.of(batch.cellIds()).sorted()
        .toArray()));
    assertArrayEquals(cells, cellsByPlan.get(PLAN));
    assertArrayEquals(new long[] {A}, cellsByPlan.get(PLAN + 1));
  }
}
