package org.gridpatrol.patrol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridpatrol.domain.calendar.HolidayCalendar;
import org.gridpatrol.domain.calendar.YearNotCoveredException;
import org.gridpatrol.domain.grid.Shards;
import org.gridpatrol.domain.plan.PlannedWindow;
import org.gridpatrol.patrol.PlanSource.TrackedPlan;
import org.gridpatrol.store.PlanRepository.OfficerRef;

/**
 * The silence half of the detector: an officer on duty (named by a plan whose window is running, or of its
 * team) whose device has sent nothing for {@code silentAfter} is to be raised {@code officer_silent}, and
 * cleared when the device is heard again.
 *
 * <p>It decides only: the caller loads the last uploads of officers newly on duty, raises and clears the alerts,
 * and reports a raise that failed. Time is the {@code now} each call is given. Not thread-safe (one event loop
 * owns it).
 */
final class SilenceWatcher {
  private final Duration silentAfter;
  private final Map<Long, OfficerTrack> officers = new HashMap<>();
  private final DeadlineQueue<OfficerTrack> silentQueue = new DeadlineQueue<>();

  SilenceWatcher(Duration silentAfter) {
    this.silentAfter = silentAfter;
  }

  /**
   * An officer found silent: the alert to raise, keyed by officer and since when, so a retry or a second node
   * raises the same row.
   */
  record SilenceRaise(OfficerTrack officer, String key, String missed, Instant since) {}

  /**
   * Who is on duty now: the officers of every plan window running now, in the shards owned (by officer code),
   * each until the latest end of their running windows. Officers newly on duty are armed only once their last
   * upload is known: the caller loads it and hands it to {@link #lastHeard}.
   *
   * @return the ids of the officers newly on duty
   */
  List<Long> takeDuty(List<TrackedPlan> plans, HolidayCalendar calendar, Set<Integer> ownedShards,
                      int shardCount, Instant now) {
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
          if (!ownedShards.contains(Shards.shardOf(officer.code(), shardCount))) {
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
    return fresh;
  }

  /**
   * When officers' devices last uploaded, as the database knows (officers never heard from absent); then every
   * officer on duty has their silence deadline armed.
   */
  void lastHeard(Map<Long, Instant> received) {
    received.forEach((id, at) -> {
      OfficerTrack track = officers.get(id);
      if (track != null && (track.lastReceived == null || at.isAfter(track.lastReceived))) {
        track.lastReceived = at;
      }
    });
    officers.values().forEach(this::armSilence);
  }

  private void armSilence(OfficerTrack track) {
    Instant deadline = track.silentFrom().plus(silentAfter);
    if (deadline.isBefore(track.dutyUntil)) {
      silentQueue.arm(track, deadline);
    } else {
      silentQueue.disarm(track);
    }
  }

  /**
   * An officer's device was heard: the silence deadline moves.
   *
   * @param officerId null for a device of no officer
   * @return the officer whose silence alert is to be cleared, or null if none was raised
   */
  OfficerTrack heard(Long officerId, Instant receivedAt) {
    OfficerTrack officer = officerId == null ? null : officers.get(officerId);
    if (officer == null || officer.lastReceived != null && !receivedAt.isAfter(officer.lastReceived)) {
      return null;
    }
    officer.lastReceived = receivedAt;
    OfficerTrack toClear = null;
    if (officer.raisedKey != null) {
      officer.raisedKey = null;
      toClear = officer;
    }
    armSilence(officer);
    return toClear;
  }

  /** The officers on duty whose silence deadline is at or before now, to be raised. */
  List<SilenceRaise> takeSilent(Instant now) {
    List<SilenceRaise> raises = new ArrayList<>();
    for (OfficerTrack officer : silentQueue.takeDue(now)) {
      if (officers.get(officer.officerId) == officer && now.isBefore(officer.dutyUntil)) {
        Instant since = officer.silentFrom().plus(silentAfter);
        String key = "officer_silent:" + officer.officerId + ":" + since.toEpochMilli();
        officer.raisedKey = key;
        raises.add(new SilenceRaise(officer, key, "no fix for " + silentAfter.toMinutes() + " min while on duty",
            since));
      }
    }
    return raises;
  }

  /**
   * A raise did not reach the database: there is nothing to clear when the device is heard, and the next
   * {@link #lastHeard} arms the officer again.
   */
  void raiseFailed(SilenceRaise raise) {
    raise.officer().raisedKey = null;
  }

  int onDuty() {
    return officers.size();
  }
}
