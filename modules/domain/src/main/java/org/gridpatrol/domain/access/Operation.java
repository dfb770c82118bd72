package org.gridpatrol.domain.access;

/** Everything the API lets people do, grouped as the roles divide the work; see {@link AccessPolicy}. */
public enum Operation {
  /** Cells, officers and their tracks, plans and coverage, alerts, cases, categories, the calendar. */
  VIEW,
  /** Report a problem as a new case (from the handheld, or a hotline call). */
  REPORT_CASES,
  /** Register, reject, dispatch, verify (close or reopen), suspend and resume cases. */
  SUPERVISE_CASES,
  /** Start work on a dispatched case and report it handled. */
  HANDLE_CASES,
  /** Give a case to a person. */
  ASSIGN_CASES,
  /** Acknowledge an escalation, which stops its repeats. */
  ACKNOWLEDGE_CASES,
  /** Comment on a case and add photos to it. */
  COMMENT_CASES,
  /** Create, change and retire patrol plans. */
  EDIT_PLANS,
  /** The evaluation report. */
  VIEW_EVALUATION,
  /** The notification log and dead letters. */
  VIEW_NOTIFICATIONS,
  /** Send a dead letter again. */
  REPLAY_NOTIFICATIONS,
  /** Change categories, time limits and escalation policies. */
  CONFIGURE_CASES,
  /** Import the grid. */
  MANAGE_GRID,
  /** Create, change and retire teams, officers and devices (with their keys); import and export the roster. */
  MANAGE_DIRECTORY,
  /** Create, change and disable user accounts and end their sessions. */
  MANAGE_USERS,
  /** Prometheus metrics. */
  VIEW_METRICS
}
