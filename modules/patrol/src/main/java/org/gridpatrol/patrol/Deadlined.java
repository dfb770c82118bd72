package org.gridpatrol.patrol;

/**
 * Something a {@link DeadlineQueue} holds: its due time and its place in the queue live in the target itself,
 * so a million armed deadlines cost two fields each, not a tree node, a map entry and a boxed time. A target
 * is in one queue at most.
 */
abstract class Deadlined {
  long dueMillis;
  int slot = -1;
}
