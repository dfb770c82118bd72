package org.gridpatrol.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo patrol in real time: every device makes a fix every interval and uploads what it has buffered, like
 * a handheld app. Now and then a device loses its connection for a few minutes, keeps buffering and uploads the
 * backlog late once it is back. Everything but {@link #totals()} runs on one Vert.x event loop.
 */
final class Patrol {
  enum Protocol { JSON, OSMAND }

  /** A device loses its connection about once an hour... */
  private static final double MEAN_SECONDS_BETWEEN_OUTAGES = 3600;
  /** ...for two to ten minutes. */
  private static final int MIN_OUTAGE_SECONDS = 120;
  private static final int MAX_OUTAGE_SECONDS = 600;
  private static final int MAX_BATCH = 500;
  private static final long STATUS_EVERY_MILLIS = 10_000;

  private final Vertx vertx;
  private final IntakeClient client;
  private final Protocol protocol;
  private final int intervalSeconds;
  private final int uploadEvery;
  private final boolean outages;
  private final Random random;
  private final List<Handheld> handhelds = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private boolean errorReported;

  /**
   * @param uploadEvery a device uploads once it holds this many fixes
   * @param outages     whether devices now and then lose their connection
   */
  Patrol(Vertx vertx, IntakeClient client, Protocol protocol, int intervalSeconds, int uploadEvery, boolean outages,
         List<SimulatedDevice> devices, Random random) {
    this.vertx = vertx;
    this.client = client;
    this.protocol = protocol;
    this.intervalSeconds = intervalSeconds;
    this.uploadEvery = uploadEvery;
    this.outages = outages;
    this.random = random;
    devices.forEach(device -> handhelds.add(new Handheld(device)));
  }

  /** Starts every device's timer, each at a random phase so that they do not all report at once. */
  void start() {
    long intervalMillis = intervalSeconds * 1000L;
    for (Handheld handheld : handhelds) {
      vertx.setPeriodic(1 + random.nextInt((int) intervalMillis), intervalMillis, timer -> tick(handheld));
    }
    vertx.setPeriodic(STATUS_EVERY_MILLIS, timer ->
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + totals() + "  | " + offline()));
  }

  /** Cumulative counts, safe to call from any thread. */
  String totals() {
    return String.format(Locale.ROOT, "sent %,d  accepted %,d  duplicates %,d  rejected %,d  errors %,d",
        sent.get(), accepted.get(), duplicates.get(), rejected.get(), errors.get());
  }

  /** Devices offline, and fixes waiting on any device (offline, or to be retried after a failed upload). */
  private String offline() {
    long devices = handhelds.stream().filter(Handheld::offline).count();
    int buffered = handhelds.stream().mapToInt(h -> h.buffer.size()).sum();
    return devices + " offline, " + buffered + " fixes buffered";
  }

  private void tick(Handheld handheld) {
    long now = System.currentTimeMillis();
    handheld.buffer.add(handheld.device.fixAt(now / 1000));
    String uniqueId = handheld.device.credential().uniqueId();
    if (handheld.offline()) {
      if (now < handheld.offlineUntilMillis) {
        return;
      }
      handheld.offlineUntilMillis = 0;
      System.out.println("Device " + uniqueId + " is back online and uploads " + handheld.buffer.size()
          + " buffered fixes late");
    } else if (outages && random.nextDouble() < intervalSeconds / MEAN_SECONDS_BETWEEN_OUTAGES) {
      int seconds = MIN_OUTAGE_SECONDS + random.nextInt(MAX_OUTAGE_SECONDS - MIN_OUTAGE_SECONDS + 1);
      handheld.offlineUntilMillis = now + seconds * 1000L;
      System.out.println("Device " + uniqueId + " lost its connection; buffering fixes for " + seconds + " s");
      return;
    }
    if (handheld.buffer.size() >= uploadEvery) {
      upload(handheld);
    }
  }

  /** Sends the oldest buffered fixes unless a request is already out; a fix leaves the buffer once answered. */
  private void upload(Handheld handheld) {
    if (handheld.uploading || handheld.buffer.isEmpty()) {
      return;
    }
    handheld.uploading = true;
    if (protocol == Protocol.JSON) {
      List<GpsFix> batch = new ArrayList<>(Math.min(MAX_BATCH, handheld.buffer.size()));
      for (GpsFix fix : handheld.buffer) {
        if (batch.size() == MAX_BATCH) {
          break;
        }
        batch.add(fix);
      }
      sent.addAndGet(batch.size());
      client.postBatch("Bearer " + handheld.device.credential().token(), Buffer.buffer(FixEncoding.jsonBatch(batch)))
          .onComplete(done -> {
            handheld.uploading = false;
            int status = done.succeeded() ? done.result().status() : 0;
            if (status == 200) {
              accepted.addAndGet(done.result().accepted());
              duplicates.addAndGet(done.result().duplicates());
              rejected.addAndGet(done.result().rejected());
            }
            answered(handheld, batch.size(), status, done.failed() ? done.cause().toString() : "HTTP " + status);
          });
    } else {
      GpsFix fix = handheld.buffer.peekFirst();
      sent.incrementAndGet();
      client.sendOsmAnd(FixEncoding.osmAndQuery(handheld.device.credential().uniqueId(),
          handheld.device.credential().osmandKey(), fix))
          .onComplete(done -> {
            handheld.uploading = false;
            int status = done.succeeded() ? done.result() : 0;
            if (status == 200) {
              accepted.incrementAndGet();
            }
            answered(handheld, 1, status, done.failed() ? done.cause().toString() : "HTTP " + status);
          });
    }
  }

  /**
   * A 200 or a 4xx (the server will never take these fixes) removes the fixes from the buffer; a failure or a
   * 5xx keeps them for the next try, as a handheld app does.
   */
  private void answered(Handheld handheld, int fixes, int status, String outcome) {
    boolean final4xx = status >= 400 && status < 500;
    if (status != 200) {
      errors.incrementAndGet();
      if (!errorReported) {
        errorReported = true;
        System.out.println("Device " + handheld.device.credential().uniqueId() + ": upload failed (" + outcome
            + ")" + (final4xx ? ", fixes dropped" : ", will retry") + "; later failures are only counted");
      }
    }
    if (status == 200 || final4xx) {
      for (int i = 0; i < fixes; i++) {
        handheld.buffer.pollFirst();
      }
      upload(handheld);
    }
  }

  private static final class Handheld {
    private final SimulatedDevice device;
    private final Deque<GpsFix> buffer = new ArrayDeque<>();
    private boolean uploading;
    private long offlineUntilMillis;

    Handheld(SimulatedDevice device) {
      this.device = device;
    }

    boolean offline() {
      return offlineUntilMillis > 0;
    }
  }
}
