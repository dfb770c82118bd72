package org.gridpatrol.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The event-bus codec of {@link CheckinBatch}: JSON on the wire between nodes, the object itself within a
 * node. Without it every batch would be built as a JsonObject and deep-copied for each local consumer, at
 * tens of thousands of check-ins a second.
 */
public final class CheckinBatchCodec implements MessageCodec<CheckinBatch, CheckinBatch> {

  /** Makes this the codec of every {@link CheckinBatch} sent on the given event bus. */
  public static void register(EventBus eventBus) {
    eventBus.registerDefaultCodec(CheckinBatch.class, new CheckinBatchCodec());
  }

  @Override
  public void encodeToWire(Buffer buffer, CheckinBatch batch) {
    Buffer json = batch.toJson().toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public CheckinBatch decodeFromWire(int position, Buffer buffer) {
    int length = buffer.getInt(position);
    int start = position + 4;
    return CheckinBatch.fromJson(new JsonObject(buffer.getBuffer(start, start + length)));
  }

  @Override
  public CheckinBatch transform(CheckinBatch batch) {
    return batch;
  }

  @Override
  public String name() {
    return "gridpatrol.checkin-batch";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
