package org.gridpatrol.domain.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gridpatrol.domain.plan.CellCoverage.Status;

/**
 * Judges a cell's visits in one window against a {@link Requirement}, as of a moment.
 *
 * <p>Which visits count: the part of a visit inside the window, and before now, is what is judged, so a run
 * that started before the window counts with the part that lies in it, and a visit reported with times after
 * now is not known yet. A visit counts if that part is not empty (a fix at the window start is in it, one at
 * the window end is not) and, when the requirement has a minimum dwell, it lasts at least that long or the
 * visit is an explicit check-in. Every counted visit counts once, also two officers' visits at the same time.
 *
 * <p>Deadlines: the count requirement is missed at the window end if there are fewer counted visits; visits
 * after the window never count, so that is never made good. The gap requirement is missed when a stretch
 * without counted visits grows longer than the gap allowed inside the window; a stretch that ends at the
 * window end within the allowed gap is fine. Such a miss is made good by the next counted visit, measured
 * from the visit's start. Either miss becomes overdue when the grace after it has passed without being made
 * good; a gap made good within the grace was never overdue. A requirement that cannot be missed (no visits
 * needed and no gap limit, or a gap limit no shorter than the window) leaves the window OK.
 *
 * <p>The result depends only on the window, the requirement, the set of visits and now, not on the order of
 * the visits or on earlier results, so the detector can recompute it at any time.
 */
public final class CoverageEvaluator {
  private static final Duration DUE_SOON_AT_MOST = Duration.ofMinutes(30);
  private static final Comparator<Visit> VISIT_ORDER =
      Comparator.comparing(Visit::start).thenComparing(Visit::end).thenComparing(Visit::explicit);
  private static final Comparator<Span> SPAN_ORDER = Comparator.comparing(Span::start).thenComparing(Span::end);

  private CoverageEvaluator() {}

  public static CellCoverage evaluate(WindowInstance window, Requirement requirement, List<Visit> visits,
                                      Instant now) {
    Instant windowStart = window.start();
    Instant windowEnd = window.end();
    Duration maxGap = requirement.maxGap();
    Duration grace = requirement.grace();

    List<Visit> counted = new ArrayList<>();
    List<Span> covered = new ArrayList<>();
    for (Visit visit : visits) {
      Optional<Span> inside = inside(visit, windowStart, windowEnd, now);
      if (inside.isPresent() && counts(visit, inside.get(), requirement)) {
        counted.add(visit);
        covered.add(inside.get());
      }
    }
    counted.sort(VISIT_ORDER);
    covered.sort(SPAN_ORDER);

    // Walk the window from its start; `reach` is how far counted visits have covered it so far.
    Instant reach = windowStart;
    Duration longestGap = Duration.ZERO;
    boolean overdueGapMadeGood = false;
    for (Span span : covered) {
      if (span.start().isAfter(reach)) {
        longestGap = max(longestGap, Duration.between(reach, span.start()));
        overdueGapMadeGood |= maxGap != null && span.start().isAfter(reach.plus(maxGap).plus(grace));
      }
      if (span.end().isAfter(reach)) {
        reach = span.end();
      }
    }
    Instant walkedTo = now.isBefore(windowEnd) ? now : windowEnd;
    if (walkedTo.isAfter(reach)) {
      longestGap = max(longestGap, Duration.between(reach, walkedTo));
    }

    // When the requirements are missed if no further visit comes.
    Instant gapMissedAt = maxGap != null && reach.plus(maxGap).isBefore(windowEnd) ? reach.plus(maxGap) : null;
    Instant countMissedAt = counted.size() < requirement.minVisits() ? windowEnd : null;
    Instant deadline = earliest(gapMissedAt == null ? null : gapMissedAt.plus(grace),
        countMissedAt == null ? null : countMissedAt.plus(grace));
    boolean overdue = deadline != null && !now.isBefore(deadline);

    Status status;
    if (now.isBefore(windowStart)) {
      status = Status.PENDING;
    } else if (overdue) {
      status = Status.OVERDUE;
    } else if (soon(gapMissedAt, maxGap, now) || soon(countMissedAt, window.length(), now)) {
      status = Status.DUE_SOON;
    } else if (overdueGapMadeGood) {
      status = Status.SATISFIED_LATE;
    } else {
      status = Status.OK;
    }

    List<String> missed = new ArrayList<>();
    if (countMissedAt != null && !now.isBefore(countMissedAt.plus(grace))) {
      missed.add(counted.size() + " of " + requirement.minVisits() + " visits");
    }
    if (overdueGapMadeGood || gapMissedAt != null && !now.isBefore(gapMissedAt.plus(grace))) {
      missed.add("gap " + format(longestGap) + " > " + format(maxGap));
    }
    return new CellCoverage(status, counted, requirement.minVisits(), longestGap, Optional.ofNullable(deadline),
        Optional.ofNullable(overdue ? deadline : null), String.join(", ", missed));
  }

  /**
   * What a cell that fell overdue at {@code overdueSince} missed, named by the requirement alone, so every
   * cell of the window overdue since the same instant missed the same thing: the count, if that is the window's
   * end plus grace (the count's deadline), else the gap (a gap's deadline is always before the window's end).
   */
  public static String missedAt(WindowInstance window, Requirement requirement, Instant overdueSince) {
    return requirement.minVisits() > 0 && overdueSince.equals(window.end().plus(requirement.grace()))
        ? "fewer than " + requirement.minVisits() + " visits"
        : "gap > " + format(requirement.maxGap());
  }

  /** The part of the visit inside the window and not after now, if any. */
  private static Optional<Span> inside(Visit visit, Instant windowStart, Instant windowEnd, Instant now) {
    if (visit.start().isAfter(now) || !visit.start().isBefore(windowEnd) || visit.end().isBefore(windowStart)
        || now.isBefore(windowStart)) {
      return Optional.empty();
    }
    Instant start = visit.start().isAfter(windowStart) ? visit.start() : windowStart;
    Instant end = earliest(visit.end(), earliest(windowEnd, now));
    return Optional.of(new Span(start, end));
  }

  private static boolean counts(Visit visit, Span inside, Requirement requirement) {
    return visit.explicit() || requirement.minDwell() == null
        || Duration.between(inside.start(), inside.end()).compareTo(requirement.minDwell()) >= 0;
  }

  /** Whether now is within the due-soon horizon before missedAt, a quarter of span but at most 30 minutes. */
  private static boolean soon(Instant missedAt, Duration span, Instant now) {
    if (missedAt == null) {
      return false;
    }
    Duration quarter = span.dividedBy(4);
    Duration horizon = quarter.compareTo(DUE_SOON_AT_MOST) < 0 ? quarter : DUE_SOON_AT_MOST;
    return !now.isBefore(missedAt.minus(horizon));
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** E.g. 2h10m, 2h, 45m, 30s. */
  private static String format(Duration duration) {
    long seconds = duration.getSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || text.length() == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }

  /** A stretch of the window covered by a counted visit, ends included. */
  private record Span(Instant start, Instant end) {}
}
