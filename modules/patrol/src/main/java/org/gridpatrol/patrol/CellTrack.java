package org.gridpatrol.patrol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridpatrol.domain.plan.Visit;

/**
 * What the detector knows of one cell in one window: its visits (runs of one officer's fixes, grown as
 * check-ins arrive, and explicit check-ins), the deadline armed for it, and the alert keys already raised.
 * A million of these may be held at once and most cells have few visits, so the collections are made only
 * when the first visit comes.
 */
final class CellTrack extends Deadlined {
  /** No alert raised yet in this window. */
  static final long NOT_RAISED = Long.MIN_VALUE;

  final long cellId;
  final WindowTrack window;
  private List<Visit> visits = List.of();
  private Map<String, Integer> openRunByOfficer = Map.of();
  /**
   * Since when (epoch ms) the cell was overdue when its last alert was raised, so that alert is not sent to the
   * database again; the key is made from it only when needed, as a million keys would cost ~100 MB.
   */
  long raisedSince = NOT_RAISED;
  /** Whether the cell's open alerts of this window were already marked satisfied late. */
  boolean settledLate;

  CellTrack(long cellId, WindowTrack window) {
    this.cellId = cellId;
    this.window = window;
  }

  List<Visit> visits() {
    return visits;
  }

  /** A visit read from the database; the officer's latest run stays open for live fixes to extend. */
  void addLoaded(String officer, Visit visit) {
    addVisit(visit);
    if (!visit.explicit()) {
      String key = officer == null ? "" : officer;
      Integer index = openRunByOfficer.get(key);
      if (index == null || visits.get(index).end().isBefore(visit.end())) {
        openRunByOfficer.put(key, visits.size() - 1);
      }
    }
  }

  /** A fix of an officer in the cell: extends that officer's latest run if within the visit gap. */
  void addFix(String officer, Instant at, boolean explicit, Duration visitGap) {
    if (explicit) {
      addVisit(Visit.checkIn(at));
      return;
    }
    String key = officer == null ? "" : officer;
    Integer index = openRunByOfficer.get(key);
    if (index != null) {
      Visit run = visits.get(index);
      boolean joins = !at.isBefore(run.start().minus(visitGap)) && !at.isAfter(run.end().plus(visitGap));
      if (joins) {
        Instant start = at.isBefore(run.start()) ? at : run.start();
        Instant end = at.isAfter(run.end()) ? at : run.end();
        visits.set(index, new Visit(start, end, false));
        return;
      }
    }
    addVisit(new Visit(at, at, false));
    openRunByOfficer.put(key, visits.size() - 1);
  }

  private void addVisit(Visit visit) {
    if (visits.isEmpty()) {
      visits = new ArrayList<>(2);
      openRunByOfficer = new HashMap<>(2);
    }
    visits.add(visit);
  }
}
