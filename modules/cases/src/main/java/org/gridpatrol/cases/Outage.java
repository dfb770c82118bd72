package org.gridpatrol.cases;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Rounds of work that fail (the database gone, say): the first failure is logged as the start of an outage,
 * later ones only at debug level; rounds are skipped for a delay that doubles up to a ceiling; the first round
 * that succeeds again logs the outage's end. So a 10-second outage is two log lines, not fifty. Real time
 * (System.nanoTime), because the rounds run on real timers whatever the node's clock says.
 */
final class Outage {
  private final Logger log;
  private final String what;
  private final Duration first;
  private final Duration longest;
  private long failingSince = -1;
  private long nextTry;
  private Duration delay;

  /** @param what the work, as the log names it ("escalation round", ...) */
  Outage(Logger log, String what, Duration first, Duration longest) {
    this.log = log;
    this.what = what;
    this.first = first;
    this.longest = longest;
  }

  /** Whether a round may run now (always, unless an outage is backing off). */
  boolean mayTry() {
    return failingSince < 0 || System.nanoTime() - nextTry >= 0;
  }

  void failed(Throwable failure) {
    long now = System.nanoTime();
    if (failingSince < 0) {
      failingSince = now;
      delay = first;
      log.error("{} failed; retrying with back-off up to {} s until it works again", what, longest.toSeconds(),
          failure);
    } else {
      delay = delay.multipliedBy(2).compareTo(longest) > 0 ? longest : delay.multipliedBy(2);
      log.debug("{} failed again: {}", what, failure.toString());
    }
    nextTry = now + delay.toNanos();
  }

  void succeeded() {
    if (failingSince >= 0) {
      log.info("{} works again after {} s of failures", what,
          Duration.ofNanos(System.nanoTime() - failingSince).toSeconds());
      failingSince = -1;
    }
  }
}
