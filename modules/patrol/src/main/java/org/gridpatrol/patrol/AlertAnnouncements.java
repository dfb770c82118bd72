package org.gridpatrol.patrol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.function.LongFunction;
import org.gridpatrol.patrol.PlanWindowWatcher.OverdueBatch;
import org.gridpatrol.store.AlertRepository.AlertRow;
import org.gridpatrol.store.AlertRepository.RaisedCells;
import org.gridpatrol.store.AlertRepository.Settled;

/** The messages the detector publishes on {@code gridpatrol.alerts} once the database has committed a change. */
final class AlertAnnouncements {
  private AlertAnnouncements() {}

  /**
   * One message for the cells a raise added to an alert row; the live map shows each cell.
   *
   * @param cellCodes a cell's code from its id
   */
  static JsonObject overdueRaised(OverdueBatch batch, RaisedCells row, LongFunction<String> cellCodes) {
    JsonArray cells = new JsonArray(new ArrayList<>(row.cellIds().length));
    for (long cellId : row.cellIds()) {
      cells.add(cellCodes.apply(cellId));
    }
    return new JsonObject()
        .put("id", row.id())
        .put("kind", "patrol_overdue")
        .put("status", "open")
        .put("plan", batch.track().planId)
        .put("window", batch.track().planned.window().id())
        .put("cells", cells)
        .put("team", row.teamCode())
        .put("missed", batch.missed())
        .put("overdueSince", batch.since().toEpochMilli());
  }

  static JsonObject satisfiedLate(Settled late) {
    return new JsonObject().put("id", late.id()).put("kind", "patrol_overdue").put("status", "satisfied_late")
        .put("plan", late.planId()).put("window", late.windowId()).put("cell", late.cellCode());
  }

  static JsonObject silenceRaised(AlertRow alert) {
    return new JsonObject()
        .put("id", alert.id())
        .put("kind", alert.kind())
        .put("status", alert.status())
        .put("officer", alert.officerCode())
        .put("team", alert.teamCode())
        .put("missed", alert.missed())
        .put("overdueSince", alert.overdueSince().toEpochMilli());
  }

  static JsonObject silenceCleared(String officerCode) {
    return new JsonObject().put("kind", "officer_silent").put("status", "cleared").put("officer", officerCode);
  }
}
