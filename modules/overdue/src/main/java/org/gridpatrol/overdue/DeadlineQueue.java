package org.gridpatrol.overdue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deadlines by time, at most one per target: arming a target again replaces its deadline, so a cell visited
 * thousands of times holds one entry, not thousands. Not thread-safe (one event loop owns it).
 */
final class DeadlineQueue<T> {
  private record Entry<T>(Instant at, long sequence, T target) {}

  private final TreeSet<Entry<T>> byTime = new TreeSet<>(
      Comparator.<Entry<T>, Instant>comparing(Entry::at).thenComparingLong(Entry::sequence));
  private final Map<T, Entry<T>> byTarget = new HashMap<>();
  private long sequence;

  void arm(T target, Instant at) {
    disarm(target);
    Entry<T> entry = new Entry<>(at, sequence++, target);
    byTime.add(entry);
    byTarget.put(target, entry);
  }

  void disarm(T target) {
    Entry<T> old = byTarget.remove(target);
    if (old != null) {
      byTime.remove(old);
    }
  }

  Instant armedAt(T target) {
    Entry<T> entry = byTarget.get(target);
    return entry == null ? null : entry.at();
  }

  /** Removes and returns the targets whose deadline is at or before {@code now}, earliest first. */
  List<T> takeDue(Instant now) {
    List<T> due = new ArrayList<>();
    while (!byTime.isEmpty() && !byTime.first().at().isAfter(now)) {
      Entry<T> entry = byTime.pollFirst();
      byTarget.remove(entry.target());
      due.add(entry.target());
    }
    return due;
  }

  int size() {
    return byTime.size();
  }

  void clear() {
    byTime.clear();
    byTarget.clear();
  }
}
