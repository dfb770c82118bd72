package org.gridpatrol.domain.cases;

import java.util.Locale;

/** Where a case is in its life; each open status (but suspended) has the stage whose time limit runs. */
public enum CaseStatus {
  REPORTED(Stage.REGISTER),
  REGISTERED(Stage.DISPATCH),
  DISPATCHED(Stage.HANDLE),
  IN_PROGRESS(Stage.HANDLE),
  HANDLED(Stage.VERIFY),
  /** On hold with a reason: the stage's clock stops until the case is resumed. */
  SUSPENDED(null),
  CLOSED(null),
  /** Not a case after all (a duplicate, not the city's business, not found on site). */
  REJECTED(null);

  private final Stage stage;

  CaseStatus(Stage stage) {
    this.stage = stage;
  }

  /** The stage whose clock runs in this status, or null (suspended, closed, rejected). */
  public Stage stage() {
    return stage;
  }

  public boolean isFinal() {
    return this == CLOSED || this == REJECTED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not a status */
  public static CaseStatus fromWireName(String name) {
    for (CaseStatus status : values()) {
      if (status.wireName().equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown status " + name);
  }
}
