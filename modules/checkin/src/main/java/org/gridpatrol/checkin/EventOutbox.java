package org.gridpatrol.checkin;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.events.CheckinBatch;
import org.gridpatrol.events.CheckinEvent;

/**
 * Gathers accepted check-ins and puts them on the clustered event bus every few tens of milliseconds: one
 * publish for all of them and one send per shard, instead of messages per request. Every clustered send
 * costs a lookup in Hazelcast's subscription map, so at thousands of requests a second sending per request
 * would spend more CPU on the bus than on the check-ins. The delay is well inside what live views and
 * overdue detection need. Thread-safe: any event loop may add; one timer flushes.
 */
public final class EventOutbox {
  private final EventBus eventBus;
  private final Queue<CheckinEvent> pending = new ConcurrentLinkedQueue<>();
  private final long timerId;
  private final Vertx vertx;

  public EventOutbox(Vertx vertx, long flushMillis) {
    this.vertx = vertx;
    this.eventBus = vertx.eventBus();
    this.timerId = vertx.setPeriodic(flushMillis, id -> flush());
  }

  public void add(List<CheckinEvent> events) {
    pending.addAll(events);
  }

  /** Sends whatever is waiting. */
  void flush() {
    List<CheckinEvent> events = new ArrayList<>();
    CheckinEvent next;
    while ((next = pending.poll()) != null) {
      events.add(next);
    }
    if (events.isEmpty()) {
      return;
    }
    eventBus.publish(Addresses.CHECKINS, new CheckinBatch(events));
    Map<Integer, List<CheckinEvent>> byShard = new HashMap<>();
    for (CheckinEvent event : events) {
      if (event.shard() >= 0) {
        byShard.computeIfAbsent(event.shard(), s -> new ArrayList<>()).add(event);
      }
    }
    byShard.forEach((shard, shardEvents) ->
        eventBus.send(Addresses.shardCheckins(shard), new CheckinBatch(shardEvents)));
  }

  /** Stops the timer and sends what is left. */
  public void close() {
    vertx.cancelTimer(timerId);
    flush();
  }
}
