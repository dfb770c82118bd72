package org.gridpatrol.domain.plan;

import java.util.Objects;

/** A window of a plan together with the version that governs it (the one in effect at its start). */
public record PlannedWindow(PlanVersion version, WindowInstance window) {

  public PlannedWindow {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(window, "window");
  }
}
