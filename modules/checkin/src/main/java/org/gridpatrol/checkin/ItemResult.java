package org.gridpatrol.checkin;

import io.vertx.core.json.JsonObject;
import org.gridpatrol.web.FieldError;

/**
 * What became of one check-in: accepted (committed), duplicate (already stored), or rejected and why.
 * claimOutsideCell: an explicit check-in whose fix was not near the cell it claimed (stored, not a visit of it).
 */
public record ItemResult(String clientRef, Status status, String cell, boolean claimOutsideCell, FieldError problem) {

  public enum Status {
    ACCEPTED("accepted"), DUPLICATE("duplicate"), REJECTED("rejected");

    private final String key;

    Status(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public static ItemResult rejected(String clientRef, FieldError problem) {
    return new ItemResult(clientRef, Status.REJECTED, null, false, problem);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", clientRef).put("status", status.key());
    if (cell != null) {
      json.put("cell", cell);
    } else if (status == Status.ACCEPTED) {
      json.put("outsideGrid", true); // stored, but in no cell of the grid
    }
    if (claimOutsideCell) {
      json.put(CheckinService.CLAIM_OUTSIDE_CELL, true);
    }
    if (problem != null) {
      json.put("field", problem.field()).put("rule", problem.rule()).put("message", problem.message());
    }
    return json;
  }
}
