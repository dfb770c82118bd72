package org.gridpatrol.patrol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deadlines by time, at most one per target: arming a target again moves its deadline, so a cell visited
 * thousands of times holds one entry, not thousands. A binary heap over the targets themselves (see
 * {@link Deadlined}): arming, disarming and taking the earliest cost O(log n), looking at the earliest O(1).
 * Not thread-safe (one event loop owns it).
 */
final class DeadlineQueue<T extends Deadlined> {
  private Deadlined[] heap = new Deadlined[64];
  private int size;

  void arm(T target, Instant at) {
    long due = at.toEpochMilli();
    int slot = target.slot;
    if (slot >= 0) {
      long before = target.dueMillis;
      target.dueMillis = due;
      if (due < before) {
        up(slot);
      } else {
        down(slot);
      }
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = target;
    target.slot = size;
    target.dueMillis = due;
    size++;
    up(size - 1);
  }

  void disarm(T target) {
    if (target.slot >= 0) {
      removeAt(target.slot);
    }
  }

  Instant armedAt(T target) {
    return target.slot < 0 ? null : Instant.ofEpochMilli(target.dueMillis);
  }

  /** Removes and returns the targets whose deadline is at or before {@code now}, earliest first. */
  @SuppressWarnings("unchecked")
  List<T> takeDue(Instant now) {
    long limit = now.toEpochMilli();
    List<T> due = new ArrayList<>();
    while (size > 0 && heap[0].dueMillis <= limit) {
      T first = (T) heap[0];
      removeAt(0);
      due.add(first);
    }
    return due;
  }

  int size() {
    return size;
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].slot = -1;
      heap[i] = null;
    }
    size = 0;
  }

  private void removeAt(int slot) {
    Deadlined removed = heap[slot];
    removed.slot = -1;
    size--;
    if (slot == size) {
      heap[size] = null;
      return;
    }
    Deadlined last = heap[size];
    heap[size] = null;
    place(last, slot);
    if (slot > 0 && last.dueMillis < heap[(slot - 1) / 2].dueMillis) {
      up(slot);
    } else {
      down(slot);
    }
  }

  private void up(int slot) {
    Deadlined moving = heap[slot];
    while (slot > 0) {
      int parent = (slot - 1) / 2;
      if (heap[parent].dueMillis <= moving.dueMillis) {
        break;
      }
      place(heap[parent], slot);
      slot = parent;
    }
    place(moving, slot);
  }

  private void down(int slot) {
    Deadlined moving = heap[slot];
    while (true) {
      int child = 2 * slot + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1].dueMillis < heap[child].dueMillis) {
        child++;
      }
      if (heap[child].dueMillis >= moving.dueMillis) {
        break;
      }
      place(heap[child], slot);
      slot = child;
    }
    place(moving, slot);
  }

  private void place(Deadlined target, int slot) {
    heap[slot] = target;
    target.slot = slot;
  }
}
