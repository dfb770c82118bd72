package org.gridpatrol.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One closed-loop load run: each worker keeps exactly one request in flight, sending the next as soon as the
 * previous is answered. Requests answered during the warm-up are not measured. Runs entirely on one Vert.x
 * event loop, so nothing here needs locking; {@link #start()} must be called on that loop.
 */
final class LoadRun {
  enum Scenario {
    BATCH, OSMAND;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** After a failed request a worker waits this long, so a server that is down is not hammered in a spin. */
  private static final long PAUSE_AFTER_ERROR_MILLIS = 100;

  private final Vertx vertx;
  private final IntakeClient client;
  private final Scenario scenario;
  private final int batchSize;
  private final List<Worker> workers = new ArrayList<>();
  private final long warmupNanos;
  private final long durationNanos;
  private final long clockLimitSecond;
  private final LatencyHistogram latencies = new LatencyHistogram();
  private final Promise<LoadResult> finished = Promise.promise();
  private long measureStart;
  private long measureEnd;
  private int running;
  private long requests;
  private long accepted;
  private long duplicates;
  private long rejected;
  private long errors;
  private boolean errorReported;
  private boolean clockCaughtUp;
  /** Nanoseconds between requests when paced; 0 when not. */
  private final long pacingNanos;
  private long pacingStart;
  private long paced;

  /**
   * @param devices          devices whose fix clocks start in the past; spread over the workers
   * @param clockLimitSecond no fix may be later than this (the present): the run ends early if one would be
   * @param rate             check-ins per second to pace the requests at; 0: as fast as they are answered
   */
  LoadRun(Vertx vertx, IntakeClient client, Scenario scenario, int connections, int batchSize, int rate,
          List<SimulatedDevice> devices, long warmupSeconds, long durationSeconds, long clockLimitSecond) {
    this.vertx = vertx;
    this.client = client;
    this.scenario = scenario;
    this.batchSize = scenario == Scenario.BATCH ? batchSize : 1;
    this.pacingNanos = rate == 0 ? 0 : 1_000_000_000L * this.batchSize / rate;
    this.warmupNanos = warmupSeconds * 1_000_000_000L;
    this.durationNanos = durationSeconds * 1_000_000_000L;
    this.clockLimitSecond = clockLimitSecond;
    for (int w = 0; w < connections; w++) {
      workers.add(new Worker(devicesOf(w, connections, devices)));
    }
  }

  /**
   * Worker w takes every connections-th device, so that each device is driven by one connection and its fixes
   * arrive in order; with more connections than devices, workers share devices.
   */
  static List<SimulatedDevice> devicesOf(int worker, int connections, List<SimulatedDevice> devices) {
    List<SimulatedDevice> own = new ArrayList<>();
    for (int d = worker; d < devices.size(); d += connections) {
      own.add(devices.get(d));
    }
    if (own.isEmpty()) {
      own.add(devices.get(worker % devices.size()));
    }
    return own;
  }

  Future<LoadResult> start() {
    long now = System.nanoTime();
    measureStart = now + warmupNanos;
    measureEnd = measureStart + durationNanos;
    running = workers.size();
    pacingStart = now;
    workers.forEach(this::next);
    return finished.future();
  }

  /** The worker's next request: at once, or when paced, at its turn in the schedule. */
  private void next(Worker worker) {
    if (pacingNanos > 0) {
      long wait = pacingStart + paced++ * pacingNanos - System.nanoTime();
      if (wait >= 1_000_000) {
        vertx.setTimer(wait / 1_000_000, timer -> send(worker));
        return;
      }
    }
    send(worker);
  }

  private void send(Worker worker) {
    long now = System.nanoTime();
    if (now >= measureEnd) {
      workerDone();
      return;
    }
    SimulatedDevice device = worker.nextDevice();
    if (device.lastSecond() + batchSize > clockLimitSecond) {
      // Fix times must not pass the present; end the run here rather than send fixes the server rejects.
      clockCaughtUp = true;
      measureEnd = Math.max(measureStart, now);
      workerDone();
      return;
    }
    if (scenario == Scenario.BATCH) {
      List<GpsFix> fixes = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++) {
        fixes.add(device.nextFix());
      }
      Buffer body = Buffer.buffer(FixEncoding.jsonBatch(fixes));
      long started = System.nanoTime();
      client.postBatch("Bearer " + device.credential().token(), body).onComplete(sent -> {
        long ended = System.nanoTime();
        if (sent.succeeded() && sent.result().status() == 200) {
          IntakeClient.BatchReply reply = sent.result();
          answered(started, ended, reply.accepted(), reply.duplicates(), reply.rejected());
          next(worker);
        } else {
          failed(worker, ended, sent.succeeded() ? "HTTP " + sent.result().status() : sent.cause().toString());
        }
      });
    } else {
      String query = FixEncoding.osmAndQuery(device.credential().uniqueId(), device.credential().osmandKey(),
          device.nextFix());
      long started = System.nanoTime();
      client.sendOsmAnd(query).onComplete(sent -> {
        long ended = System.nanoTime();
        if (sent.succeeded() && sent.result() == 200) {
          // OsmAnd answers 200 only once the fix is committed (or filtered, which this generator avoids).
          answered(started, ended, 1, 0, 0);
          next(worker);
        } else {
          failed(worker, ended, sent.succeeded() ? "HTTP " + sent.result() : sent.cause().toString());
        }
      });
    }
  }

  private boolean measured(long ended) {
    return ended >= measureStart && ended <= measureEnd;
  }

  private void answered(long started, long ended, int acceptedItems, int duplicateItems, int rejectedItems) {
    if (!measured(ended)) {
      return;
    }
    requests++;
    accepted += acceptedItems;
    duplicates += duplicateItems;
    rejected += rejectedItems;
    latencies.recordMicros((ended - started) / 1000);
  }

  private void failed(Worker worker, long ended, String why) {
    if (measured(ended)) {
      errors++;
    }
    if (!errorReported) {
      errorReported = true;
      System.err.println("First failed request: " + why);
    }
    vertx.setTimer(PAUSE_AFTER_ERROR_MILLIS, timer -> next(worker));
  }

  private void workerDone() {
    running--;
    if (running > 0) {
      return;
    }
    if (clockCaughtUp) {
      System.err.println("The fix clocks reached the present, so the run ended early; use a shorter --duration.");
    }
    double seconds = Math.max(0, measureEnd - measureStart) / 1e9;
    finished.complete(new LoadResult(scenario.label(), workers.size(), batchSize, seconds, requests, accepted,
        duplicates, rejected, errors, latencies.percentileMicros(50), latencies.percentileMicros(99),
        latencies.maxMicros(), latencies.meanMicros()));
  }

  /** One connection's loop, taking its devices in turn. */
  private static final class Worker {
    private final List<SimulatedDevice> devices;
    private int nextIndex;

    Worker(List<SimulatedDevice> devices) {
      this.devices = devices;
    }

    SimulatedDevice nextDevice() {
      SimulatedDevice device = devices.get(nextIndex);
      nextIndex = (nextIndex + 1) % devices.size();
      return device;
    }
  }
}
