package org.gridpatrol.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridpatrol.web.RequestException;

/**
 * The bcrypt work of logins and password changes, bounded so that a login storm cannot starve the node: it runs
 * on a few threads of its own (not the worker pool the rest of the node shares), at most {@code queued} more
 * wait, and beyond that a login is refused at once with 429 and {@code Retry-After}. Each client (remote
 * address) has its own allowance of attempts a minute besides, next to the per-account lock-out.
 */
public final class PasswordWork {
  /** Clients remembered for their allowance; the oldest are forgotten beyond this. */
  private static final int CLIENTS = 10_000;

  private final WorkerExecutor workers;
  private final int most;
  private final AtomicInteger waiting = new AtomicInteger();
  private final int attemptsPerMinute;
  private final Clock clock;
  private final Map<String, long[]> attempts = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > CLIENTS;
    }
  };

  /**
   * @param threads           bcrypt runs on this many threads at most
   * @param queued            this many more may wait for one
   * @param attemptsPerMinute logins one client may try a minute
   */
  public PasswordWork(Vertx vertx, int threads, int queued, int attemptsPerMinute, Clock clock) {
    this.workers = vertx.createSharedWorkerExecutor("gridpatrol-bcrypt", threads);
    this.most = threads + queued;
    this.attemptsPerMinute = attemptsPerMinute;
    this.clock = clock;
  }

  /** Counts a login attempt of a client; fails with the 429 to answer once it has used up this minute's. */
  public void attempt(String client) {
    long minute = clock.millis() / Duration.ofMinutes(1).toMillis();
    long secondsLeft;
    synchronized (attempts) {
      long[] window = attempts.computeIfAbsent(client, c -> new long[] {minute, 0});
      if (window[0] != minute) {
        window[0] = minute;
        window[1] = 0;
      }
      if (++window[1] <= attemptsPerMinute) {
        return;
      }
      secondsLeft = 60 - (clock.millis() / 1000) % 60;
    }
    throw new RequestException(429, "username", "too_many_logins", "too many logins from here; try again in "
        + secondsLeft + " s").header("Retry-After", String.valueOf(secondsLeft));
  }

  /** Runs bcrypt work, or fails at once with 429 when too much of it waits already. */
  public <T> Future<T> run(Callable<T> work) {
    if (waiting.incrementAndGet() > most) {
      waiting.decrementAndGet();
      return Future.failedFuture(new RequestException(429, "password", "busy",
          "too many logins at once; try again in a second").header("Retry-After", "1"));
    }
    return workers.executeBlocking(work, false).onComplete(done -> waiting.decrementAndGet());
  }
}
