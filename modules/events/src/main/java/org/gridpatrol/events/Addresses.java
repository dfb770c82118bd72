package org.gridpatrol.events;

/**
 * Every event-bus address GridPatrol uses, in one place. Messages are JSON objects, or records with an
 * explicit codec that writes them as JSON between nodes ({@link CheckinBatchCodec}); nothing travels
 * Java-serialized.
 */
public final class Addresses {
  private Addresses() {}

  /** Published: a {@link CheckinBatch} of accepted check-ins, for the live map. */
  public static final String CHECKINS = "gridpatrol.checkins";

  /** Published: the grid was re-imported; every node reloads its cell index. Body: {"importId": n}. */
  public static final String GRID_CHANGED = "gridpatrol.grid.changed";

  /** Published: devices were added, changed or disabled; every node reloads its device directory. */
  public static final String DEVICES_CHANGED = "gridpatrol.devices.changed";

  /**
   * Sent: a {@link CheckinBatch} of the accepted check-ins of one shard, consumed only by the node that
   * owns the shard, which keeps the shard's live state (and, with the overdue detector, its deadlines).
   */
  public static String shardCheckins(int shard) {
    return "gridpatrol.shard." + shard + ".checkins";
  }

  /**
   * Request/reply: the live state of one cell, asked of the owner of the cell's shard. Body: {"cellId": n};
   * reply: {"owner": node name, "lastVisitAt": ISO-8601, "lastOfficer": code} (visit fields absent if none).
   */
  public static String shardCellState(int shard) {
    return "gridpatrol.shard." + shard + ".cell-state";
  }

  /** Published: a patrol plan was created, changed or retired; every overdue detector reloads plans. */
  public static final String PLANS_CHANGED = "gridpatrol.plans.changed";

  /**
   * Published: an alert was raised or changed status, once per change (the database decides which node raised
   * it). Raised: {"id", "kind": "patrol_overdue", "status", "plan", "window", "cells": [codes], "team", "missed",
   * "overdueSince" (epoch ms)}, or for "officer_silent" "officer" instead of plan, window and cells. Settled:
   * {"id", "kind", "status": "satisfied_late", "plan", "window", "cell"} or {"kind", "status": "cleared",
   * "officer"}.
   */
  public static final String ALERTS = "gridpatrol.alerts";

  /**
   * Published: a case changed or escalated, from the notification outbox (so at least once: a receiver may see
   * a notification twice after a node died while sending, and can tell by its "notification" id). Body:
   * {"type": "case", "action", "case", "status", "category", "cell", "level"} or {"type": "escalation",
   * "case", "step", "level", "role", "area", "card", "stage", ...}.
   */
  public static final String CASES = "gridpatrol.cases";

  /** Published: the cases configuration (categories, limits, policies) changed; every node reloads it. */
  public static final String CASES_CONFIG_CHANGED = "gridpatrol.cases.config.changed";

  /** Published when sessions end before their time (logout, account disabled): hex SHA-256 of each token. */
  public static final String SESSIONS_REVOKED = "gridpatrol.sessions.revoked";

  /** Published when an account is made, changed or disabled: every node reloads whom escalations reach. */
  public static final String USERS_CHANGED = "gridpatrol.users.changed";
}
