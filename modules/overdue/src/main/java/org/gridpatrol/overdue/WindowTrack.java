package org.gridpatrol.overdue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gridpatrol.domain.plan.PlannedWindow;

/** One window of one plan, with the cells of it that this node watches (those of shards it owns). */
final class WindowTrack {
  final long planId;
  final PlannedWindow planned;
  final Map<Long, CellTrack> cells = new LinkedHashMap<>();

  WindowTrack(long planId, PlannedWindow planned) {
    this.planId = planId;
    this.planned = planned;
  }

  String key() {
    return key(planId, planned.window().id());
  }

  static String key(long planId, String windowId) {
    return planId + "/" + windowId;
  }
}
