package org.gridpatrol.domain.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a patrol plan: its windows and what each cell needs in them, in effect from
 * {@code effectiveFrom} until the next version's (see {@link PlanHistory}).
 *
 * @param version       counts up within the plan
 * @param effectiveFrom windows starting at or after it follow this version
 * @param zone          the local times of the windows are in this zone, e.g. Asia/Shanghai
 * @param windows       at least one; keys are unique
 * @param requirement   for every cell of the plan in every window
 */
public record PlanVersion(int version, Instant effectiveFrom, ZoneId zone, List<WindowSpec> windows,
                          Requirement requirement) {

  public PlanVersion {
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(requirement, "requirement");
    windows = List.copyOf(windows);
    if (version < 1) {
      throw new IllegalArgumentException("plan version must be at least 1, got " + version);
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("plan version " + version + " has no windows");
    }
    Set<String> keys = new HashSet<>();
    for (WindowSpec window : windows) {
      if (!keys.add(window.key())) {
        throw new IllegalArgumentException("plan version " + version + ": window key " + window.key()
            + " is used twice");
      }
    }
  }

  public Optional<WindowSpec> window(String key) {
    return windows.stream().filter(w -> w.key().equals(key)).findFirst();
  }
}
