package org.gridpatrol.patrol;

import static org.gridpatrol.patrol.TestPlans.CALENDAR;
import static org.gridpatrol.patrol.TestPlans.at;
import static org.gridpatrol.patrol.TestPlans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.patrol.SilenceWatcher.SilenceRaise;
import org.gridpatrol.store.PlanRepository.OfficerRef;
import org.junit.jupiter.api.Test;

/** Officer P0001 is on duty in the plan window 08:00-20:00; silent after 10 minutes without an upload. */
class SilenceWatcherTest {
  private static final long OFFICER = 1;
  private static final int SHARDS = 1;
  private static final Set<Integer> OWNED = Set.of(0);
  private static final List<TrackedPlan> PLANS = List.of(plan(7, Map.of(), List.of(new OfficerRef(OFFICER,
      "P0001"))));

  private final SilenceWatcher watcher = new SilenceWatcher(Duration.ofMinutes(10));

  /** Takes up who is on duty at {@code now}, the database knowing the officer's last upload (null: none). */
  private void onDutyAt(Instant now, Instant lastUpload) {
    watcher.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, now);
    watcher.lastHeard(lastUpload == null ? Map.of() : Map.of(OFFICER, lastUpload));
  }

  private static String keyFor(Instant since) {
    return "officer_silent:" + OFFICER + ":" + since.toEpochMilli();
  }

  @Test
  void anOfficerSilentForSilentAfterIsRaisedOnce() {
    assertEquals(List.of(OFFICER), watcher.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, at("09:00")),
        "newly on duty: the caller loads the last upload");
    watcher.lastHeard(Map.of(OFFICER, at("08:55")));
    assertEquals(1, watcher.onDuty());
    assertEquals(List.of(), watcher.takeSilent(at("09:04:59")));

    List<SilenceRaise> raises = watcher.takeSilent(at("09:05"));
    assertEquals(1, raises.size());
    SilenceRaise raise = raises.get(0);
    assertEquals("P0001", raise.officer().code);
    assertEquals(at("09:05"), raise.since());
    assertEquals(keyFor(at("09:05")), raise.key());
    assertEquals("no fix for 10 min while on duty", raise.missed());
    for (String later : List.of("09:05:01", "09:30", "19:59")) {
      assertEquals(List.of(), watcher.takeSilent(at(later)), "at " + later);
    }
  }

  @Test
  void heardAgainTheOfficerIsClearedAndWatchedForTheNextSilence() {
    onDutyAt(at("09:00"), at("08:55"));
    assertEquals(1, watcher.takeSilent(at("09:05")).size());

    OfficerTrack cleared = watcher.heard(OFFICER, at("09:07"));
    assertEquals("P0001", cleared.code);
    assertNull(watcher.heard(OFFICER, at("09:08")), "nothing raised, nothing to clear");
    assertNull(watcher.heard(OFFICER, at("09:01")), "an older upload moves nothing");

    assertEquals(List.of(), watcher.takeSilent(at("09:17:59")));
    List<SilenceRaise> again = watcher.takeSilent(at("09:18"));
    assertEquals(1, again.size(), "silent again 10 minutes after the last upload");
    assertEquals(keyFor(at("09:18")), again.get(0).key(), "a new silence is a new alert");
  }

  @Test
  void aRaiseThatFailedHasNothingToClear() {
    onDutyAt(at("09:00"), at("08:55"));
    watcher.raiseFailed(watcher.takeSilent(at("09:05")).get(0));
    assertNull(watcher.heard(OFFICER, at("09:06")));
  }

  @Test
  void aDutyRefreshWhileSilentRaisesUnderTheSameKey() {
    onDutyAt(at("09:00"), at("08:55"));
    SilenceRaise first = watcher.takeSilent(at("09:05")).get(0);
    // The next refresh finds the officer still on duty (not new) and still silent.
    assertEquals(List.of(), watcher.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, at("09:05:30")));
    watcher.lastHeard(Map.of());
    SilenceRaise second = watcher.takeSilent(at("09:05:30")).get(0);
    assertSame(first.officer(), second.officer(), "the officer's track is kept across refreshes");
    assertEquals(first.key(), second.key(), "the database keeps one alert per key");
  }

  @Test
  void silenceCountsFromTheStartOfDuty() {
    onDutyAt(at("08:00"), at("07:00"));
    assertEquals(List.of(), watcher.takeSilent(at("08:09:59")));
    assertEquals(at("08:10"), watcher.takeSilent(at("08:10")).get(0).since());

    SilenceWatcher neverHeard = new SilenceWatcher(Duration.ofMinutes(10));
    neverHeard.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, at("08:00"));
    neverHeard.lastHeard(Map.of());
    assertEquals(at("08:10"), neverHeard.takeSilent(at("08:10")).get(0).since());
  }

  @Test
  void anOfficerNotOnDutyIsNotRaised() {
    assertEquals(List.of(), watcher.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, at("07:00")), "no window running");
    watcher.lastHeard(Map.of());
    assertEquals(0, watcher.onDuty());
    assertEquals(List.of(), watcher.takeSilent(at("07:30")));
    assertNull(watcher.heard(OFFICER, at("07:31")));
    assertEquals(List.of(), watcher.takeSilent(at("07:59")));
  }

  @Test
  void anOfficerWhoseDutyEndsFirstIsNotRaised() {
    // Silent from 20:01, after the window.
    onDutyAt(at("19:52"), at("19:51"));
    assertEquals(List.of(), watcher.takeSilent(at("20:01")));

    // Armed while on duty, then off duty (the plan is gone) before the deadline.
    SilenceWatcher offDuty = new SilenceWatcher(Duration.ofMinutes(10));
    offDuty.takeDuty(PLANS, CALENDAR, OWNED, SHARDS, at("09:00"));
    offDuty.lastHeard(Map.of(OFFICER, at("08:58")));
    offDuty.takeDuty(List.of(), CALENDAR, OWNED, SHARDS, at("09:01"));
    offDuty.lastHeard(Map.of());
    assertEquals(0, offDuty.onDuty());
    assertEquals(List.of(), offDuty.takeSilent(at("09:08")));
  }

  @Test
  void officersOfShardsOwnedElsewhereAreNotWatched() {
    assertEquals(List.of(), watcher.takeDuty(PLANS, CALENDAR, Set.of(), SHARDS, at("09:00")));
    watcher.lastHeard(Map.of());
    assertEquals(List.of(), watcher.takeSilent(at("10:00")));
  }
}
