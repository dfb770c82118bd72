package org.gridpatrol.domain.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.calendar.HolidayCalendar;

/**
 * All versions of one patrol plan, oldest first, each in effect from its {@code effectiveFrom} until the next
 * one's, and the plan's retirement if it is retired. Immutable.
 *
 * <p>A window is governed by the version in effect at the window's start. A change that takes effect while a
 * window runs applies from the next window on: the running window keeps the requirement it started with, and
 * the record of past and running windows is never rewritten. For the same reason a new version may not take
 * effect before the moment it is added.
 *
 * <p>A change that takes effect between the new and the old start time of the same day's window, e.g. at
 * 21:30 moving the night window from 22:00 to 21:00, leaves that day without the window: neither version's
 * window of that day started while its version was in effect. Changes taking effect at local midnight never
 * do this.
 */
public final class PlanHistory {
  private final List<PlanVersion> versions;
  private final Instant retiredAt;

  /**
   * A history as stored. Version numbers must increase; effectiveFrom must not decrease (a version effective
   * from the same instant as the one before replaces it before it ever applied).
   *
   * @param retiredAt no window starts at or after it; null if the plan is not retired
   */
  public PlanHistory(List<PlanVersion> versions, Instant retiredAt) {
    this.versions = List.copyOf(versions);
    this.retiredAt = retiredAt;
    if (this.versions.isEmpty()) {
      throw new IllegalArgumentException("a plan history needs at least one version");
    }
    for (int i = 1; i < this.versions.size(); i++) {
      PlanVersion before = this.versions.get(i - 1);
      PlanVersion after = this.versions.get(i);
      if (after.version() <= before.version()) {
        throw new IllegalArgumentException("plan version " + after.version() + " follows version "
            + before.version() + "; versions must count up");
      }
      if (after.effectiveFrom().isBefore(before.effectiveFrom())) {
        throw new IllegalArgumentException("plan version " + after.version() + " takes effect at "
            + after.effectiveFrom() + ", before version " + before.version() + " at " + before.effectiveFrom());
      }
    }
  }

  public static PlanHistory of(PlanVersion first) {
    return new PlanHistory(List.of(first), null);
  }

  public List<PlanVersion> versions() {
    return versions;
  }

  public Optional<Instant> retiredAt() {
    return Optional.ofNullable(retiredAt);
  }

  /**
   * The version governing a window starting at that instant: the last one in effect then. Empty before the
   * first version and from the retirement on.
   */
  public Optional<PlanVersion> versionFor(Instant windowStart) {
    for (int i = 0; i < versions.size(); i++) {
      if (inEffect(i, windowStart)) {
        return Optional.of(versions.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The history with a new version added, as a planner's change made at {@code now}.
   *
   * @throws IllegalArgumentException if it would take effect before now, or before the last version, or its
   *                                  number does not count up
   * @throws IllegalStateException    if the plan is retired
   */
  public PlanHistory withVersion(PlanVersion next, Instant now) {
    if (retiredAt != null) {
      throw new IllegalStateException("the plan is retired from " + retiredAt + "; it takes no new versions");
    }
    if (next.effectiveFrom().isBefore(now)) {
      throw new IllegalArgumentException("plan version " + next.version() + " would take effect at "
          + next.effectiveFrom() + ", before now (" + now + "), rewriting windows already started");
    }
    List<PlanVersion> all = new ArrayList<>(versions);
    all.add(next);
    return new PlanHistory(all, null);
  }

  /**
   * The history with the plan retired at {@code at}, decided at {@code now}: no window starts at or after it;
   * a window running then runs to its end.
   *
   * @throws IllegalArgumentException if at is before now
   * @throws IllegalStateException    if the plan is already retired
   */
  public PlanHistory retire(Instant at, Instant now) {
    if (retiredAt != null) {
      throw new IllegalStateException("the plan is already retired from " + retiredAt);
    }
    if (at.isBefore(now)) {
      throw new IllegalArgumentException("a plan cannot be retired in the past: " + at + " is before " + now);
    }
    return new PlanHistory(versions, at);
  }

  /**
   * The plan's windows overlapping {@code [from, to)}, each with the version that governs it, in start order.
   * Ids are unique: when two versions have a window of the same key on the same day (a change taking effect
   * between their starts), the older one had already started, so it is the day's window.
   *
   * @throws YearNotCoveredException if a window there needs the calendar for a year without data
   */
  public List<PlannedWindow> windows(HolidayCalendar calendar, Instant from, Instant to) {
    List<PlannedWindow> found = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      PlanVersion version = versions.get(i);
      Instant spanStart = version.effectiveFrom();
      Instant spanEnd = spanEnd(i);
      Instant lo = from.isAfter(spanStart) ? from : spanStart;
      Instant hi = spanEnd != null && spanEnd.isBefore(to) ? spanEnd : to;
      for (WindowSpec spec : version.windows()) {
        for (WindowInstance window : WindowSchedule.between(spec, calendar, version.zone(), lo, hi, spanStart)) {
          if (!startedUnderOlderVersion(i, window, calendar)) {
            found.add(new PlannedWindow(version, window));
          }
        }
      }
    }
    found.sort(Comparator.comparing((PlannedWindow p) -> p.window().start()).thenComparing(p -> p.window().id()));
    return found;
  }

  private boolean startedUnderOlderVersion(int index, WindowInstance window, HolidayCalendar calendar) {
    for (int j = 0; j < index; j++) {
      PlanVersion older = versions.get(j);
      Optional<WindowSpec> spec = older.window(window.specKey());
      if (spec.isPresent()) {
        // The times first: the calendar is asked only if that window started while its version was in effect.
        Optional<WindowInstance> theirs = WindowSchedule.onClock(spec.get(), older.zone(), window.day());
        if (theirs.isPresent() && inEffect(j, theirs.get().start())
            && spec.get().days().selects(window.day(), calendar)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean inEffect(int index, Instant t) {
    Instant end = spanEnd(index);
    return !t.isBefore(versions.get(index).effectiveFrom()) && (end == null || t.isBefore(end));
  }

  /** When version index stops governing new windows; null if it still does. */
  private Instant spanEnd(int index) {
    Instant next = index + 1 < versions.size() ? versions.get(index + 1).effectiveFrom() : null;
    if (retiredAt == null) {
      return next;
    }
    return next == null || retiredAt.isBefore(next) ? retiredAt : next;
  }
}
