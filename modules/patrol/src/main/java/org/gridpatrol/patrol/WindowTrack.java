package org.gridpatrol.patrol;

import java.util.Arrays;
import java.util.List;
import org.gridpatrol.domain.plan.PlannedWindow;

/**
 * One window of one plan, with the cells of it that this node watches (those of shards it owns), sorted by
 * id in an array: a million cells in windows cost a reference each here, not a map entry and a boxed key.
 */
final class WindowTrack {
  final long planId;
  final PlannedWindow planned;
  /** Plan and window, as the detector looks windows up (made once: every fired deadline asks for it). */
  private final String key;
  private final CellTrack[] cells;

  /** @param cellIds the cells to watch, any order */
  WindowTrack(long planId, PlannedWindow planned, List<Long> cellIds) {
    this.planId = planId;
    this.planned = planned;
    this.key = key(planId, planned.window().id());
    long[] ids = cellIds.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    this.cells = new CellTrack[ids.length];
    for (int i = 0; i < ids.length; i++) {
      cells[i] = new CellTrack(ids[i], this);
    }
  }

  /** The cell's track, or null if this window does not watch the cell. */
  CellTrack cell(long cellId) {
    int low = 0;
    int high = cells.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      long id = cells[middle].cellId;
      if (id < cellId) {
        low = middle + 1;
      } else if (id > cellId) {
        high = middle - 1;
      } else {
        return cells[middle];
      }
    }
    return null;
  }

  List<CellTrack> cells() {
    return Arrays.asList(cells);
  }

  /** The ids of the cells watched, ascending: what to load the window's visits for. */
  List<Long> cellIds() {
    return Arrays.stream(cells).map(cell -> cell.cellId).toList();
  }

  int size() {
    return cells.length;
  }

  String key() {
    return key;
  }

  static String key(long planId, String windowId) {
    return planId + "/" + windowId;
  }
}
