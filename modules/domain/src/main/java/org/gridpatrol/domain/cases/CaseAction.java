package org.gridpatrol.domain.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a person can do to a case, from which statuses, and what it needs. */
public enum CaseAction {
  /** The supervision centre accepts a report as a case. */
  REGISTER(EnumSet.of(CaseStatus.REPORTED), CaseStatus.REGISTERED, false, false),
  /** Not a case: needs a reason. Also for a registered case found invalid before dispatch. */
  REJECT(EnumSet.of(CaseStatus.REPORTED, CaseStatus.REGISTERED), CaseStatus.REJECTED, true, false),
  /** The command centre sends the case to the responsible department. */
  DISPATCH(EnumSet.of(CaseStatus.REGISTERED), CaseStatus.DISPATCHED, false, true),
  /** The department starts work. */
  START(EnumSet.of(CaseStatus.DISPATCHED), CaseStatus.IN_PROGRESS, false, false),
  /** The department reports the problem handled. */
  REPORT_BACK(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS), CaseStatus.HANDLED, false, false),
  /** Verified on site: closed. */
  CLOSE(EnumSet.of(CaseStatus.HANDLED), CaseStatus.CLOSED, false, false),
  /** Verification failed: back to the department, with a reason. */
  REOPEN(EnumSet.of(CaseStatus.HANDLED), CaseStatus.DISPATCHED, true, false),
  /** On hold (waiting for a permit, the weather...), with a reason; the stage's clock stops. */
  SUSPEND(EnumSet.of(CaseStatus.REPORTED, CaseStatus.REGISTERED, CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS),
      CaseStatus.SUSPENDED, true, false),
  /** Back to the status it was suspended from; the clock runs on from where it stopped. */
  RESUME(EnumSet.of(CaseStatus.SUSPENDED), null, false, false);

  private final Set<CaseStatus> from;
  private final CaseStatus to;
  private final boolean needsReason;
  private final boolean needsDepartment;

  CaseAction(Set<CaseStatus> from, CaseStatus to, boolean needsReason, boolean needsDepartment) {
    this.from = from;
    this.to = to;
    this.needsReason = needsReason;
    this.needsDepartment = needsDepartment;
  }

  public boolean allowedFrom(CaseStatus status) {
    return from.contains(status);
  }

  /** The status after the action, or null for {@link #RESUME} (the status before the suspension). */
  public CaseStatus target() {
    return to;
  }

  public boolean needsReason() {
    return needsReason;
  }

  public boolean needsDepartment() {
    return needsDepartment;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException if the name is not an action */
  public static CaseAction fromWireName(String name) {
    for (CaseAction action : values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown action " + name);
  }
}
