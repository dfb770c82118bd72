package org.gridpatrol.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridpatrol.events.Addresses;
import org.gridpatrol.store.EscalationRepository.StepTaken;
import org.gridpatrol.store.EscalationRepository;
import org.gridpatrol.store.NotificationRepository.Notification;
import org.gridpatrol.store.NotificationRepository.Outcome;
import org.gridpatrol.store.NotificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation: every tick it opens cases for new alerts, takes the escalation steps that are due and
 * delivers queued notifications (on the event bus, and to the webhooks with retries and back-off). All of
 * it is driven by the database (indexed due times, rows locked with SKIP LOCKED), so every node can run one,
 * they share the work, and a node that was down leaves nothing undone: what was due is due still.
 */
public final class EscalationVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationVerticle.class);
  private static final int STEPS_PER_TRANSACTION = 500;
  private static final int INBOX_ENTRIES_PER_TRANSACTION = 2000;
  private static final int NOTIFICATIONS_PER_BATCH = 500;
  private static final int WEBHOOK_CALLS_PER_BATCH = 50;
  /** Rounds of a batch per tick at most, so one tick cannot run for ever in a flood. */
  private static final int MAX_ROUNDS = 40;
  private static final Duration BUS_LEASE = Duration.ofSeconds(30);

  private final CaseService service;
  private final EscalationRepository escalations;
  private final NotificationRepository notifications;
  private final Map<String, Webhook> webhooks;
  private final Clock clock;
  // Rounds run on this verticle's event loop only: plain fields suffice.
  private final Outage escalationOutage = new Outage(LOG, "Escalation round", Duration.ofSeconds(1),
      Duration.ofSeconds(10));
  private final Outage webhookOutage = new Outage(LOG, "Webhook delivery round", Duration.ofSeconds(1),
      Duration.ofSeconds(10));
  private final Duration tick;
  private final WebhookRetry retry;
  private final MeterRegistry registry;
  private final Timer lag;
  private HttpClient http;
  private boolean working;
  private boolean delivering;

  /** Webhook retries: the n-th failure waits {@code first} x 2^(n-1), at most {@code longest}; dead after {@code attempts}. */
  public record WebhookRetry(int attempts, Duration first, Duration longest, Duration timeout) {}

  public EscalationVerticle(CaseService service, EscalationRepository escalations,
                            NotificationRepository notifications, List<Webhook> webhooks, Clock clock,
                            Duration tick, WebhookRetry retry, MeterRegistry registry) {
    this.service = service;
    this.escalations = escalations;
    this.notifications = notifications;
    this.webhooks = webhooks.stream().collect(Collectors.toMap(Webhook::channel, Function.identity()));
    this.clock = clock;
    this.tick = tick;
    this.retry = retry;
    this.registry = registry;
    this.lag = Timer.builder("gridpatrol.escalation.lag")
        .description("From an escalation step's due time to the step committed")
        .publishPercentiles(0.5, 0.99)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
  }

  @Override
  public Future<?> start() {
    http = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) retry.timeout().toMillis())
        .setIdleTimeout(30));
    // A new alert or case change need not wait for the next tick.
    vertx.eventBus().consumer(Addresses.ALERTS, message -> work());
    vertx.setPeriodic(tick.toMillis(), id -> {
      work();
      deliverWebhooks();
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return http.close();
  }

  private void work() {
    if (working || !escalationOutage.mayTry()) {
      return;
    }
    working = true;
    rounds(() -> escalations.caseAlerts(INBOX_ENTRIES_PER_TRANSACTION, CaseService::alertGroup, service::alertCase)
            .map(cased -> {
              if (cased.alerts() > 0) {
                Counter.builder("gridpatrol.cases.alerts").description("Alerts put into cases")
                    .register(registry).increment(cased.alerts());
              }
              return cased.entries() == INBOX_ENTRIES_PER_TRANSACTION;
            }))
        .compose(v -> rounds(() -> escalations.takeDue(clock.instant(), STEPS_PER_TRANSACTION, service::decideStep)
            .map(taken -> {
              taken.forEach(this::count);
              if (!taken.isEmpty()) {
                // One line per batch; each step is in the case's history and, at debug level, here.
                Map<String, Long> byCard = taken.stream().collect(Collectors.groupingBy(StepTaken::card,
                    TreeMap::new, Collectors.counting()));
                LOG.info("Took {} escalation steps {}", taken.size(), byCard);
              }
              return taken.size() == STEPS_PER_TRANSACTION;
            })))
        .compose(v -> rounds(this::deliverBus))
        .onSuccess(v -> escalationOutage.succeeded())
        .onFailure(escalationOutage::failed)
        .onComplete(done -> working = false);
  }

  /** Runs {@code round} again while it says there may be more, up to {@link #MAX_ROUNDS} times. */
  private static Future<Void> rounds(java.util.function.Supplier<Future<Boolean>> round) {
    return roundsLeft(round, MAX_ROUNDS);
  }

  private static Future<Void> roundsLeft(java.util.function.Supplier<Future<Boolean>> round, int left) {
    return round.get().compose(more -> more && left > 1 ? roundsLeft(round, left - 1) : Future.succeededFuture());
  }

  private void count(StepTaken taken) {
    Instant committed = clock.instant();
    lag.record(Duration.between(taken.step().dueAt(), committed));
    Counter.builder("gridpatrol.escalation.steps").description("Escalation steps taken, by kind and card")
        .tag("kind", taken.step().kind().wireName()).tag("card", taken.card()).register(registry).increment();
    LOG.debug("Case {} {} to level {} ({} of {}), {} card, stage {}",
        taken.change().event().details().getValue("case"), taken.step().kind().wireName(),
        taken.step().level() + 1, taken.role(), taken.area(), taken.card(), taken.stage());
  }

  /** Publishes due bus notifications on the clustered event bus; more to come if the batch was full. */
  private Future<Boolean> deliverBus() {
    Instant now = clock.instant();
    return notifications.lease(List.of(CaseService.BUS), now, BUS_LEASE, NOTIFICATIONS_PER_BATCH)
        .compose(due -> {
          List<Outcome> outcomes = new ArrayList<>(due.size());
          for (Notification notification : due) {
            vertx.eventBus().publish(Addresses.CASES, notification.payload().copy().put("notification", notification.id()));
            outcomes.add(new Outcome(notification.id(), true, null, null, now));
          }
          return notifications.record(outcomes).map(v -> due.size() == NOTIFICATIONS_PER_BATCH);
        });
  }

  /** Sends due webhook notifications, each on its own; a failure is retried later, the last one is dead. */
  private void deliverWebhooks() {
    if (delivering || webhooks.isEmpty() || !webhookOutage.mayTry()) {
      return;
    }
    delivering = true;
    Instant now = clock.instant();
    notifications.lease(List.copyOf(webhooks.keySet()), now, retry.timeout().multipliedBy(3), WEBHOOK_CALLS_PER_BATCH)
        .compose(due -> {
          List<Future<Outcome>> calls = due.stream().map(this::call).toList();
          return Future.join(calls).transform(v -> {
            List<Outcome> outcomes = calls.stream().map(Future::result).toList();
            outcomes.forEach(outcome -> Counter.builder("gridpatrol.notifications.webhook")
                .description("Webhook deliveries by outcome")
                .tag("outcome", outcome.sent() ? "sent" : outcome.retryAt() == null ? "dead" : "retry")
                .register(registry).increment());
            return notifications.record(outcomes);
          });
        })
        .onSuccess(v -> webhookOutage.succeeded())
        .onFailure(webhookOutage::failed)
        .onComplete(done -> delivering = false);
  }

  private Future<Outcome> call(Notification notification) {
    Webhook webhook = webhooks.get(notification.channel());
    String body = notification.payload().copy().put("notification", notification.id()).encode();
    long timestamp = clock.instant().getEpochSecond();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(webhook.url().toString())
        .setTimeout(retry.timeout().toMillis())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader(Webhook.TIMESTAMP_HEADER, Long.toString(timestamp))
        .putHeader(Webhook.SIGNATURE_HEADER, webhook.sign(timestamp, body));
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .transform(done -> {
          Instant at = clock.instant();
          if (done.succeeded() && done.result() / 100 == 2) {
            return Future.succeededFuture(new Outcome(notification.id(), true, null, null, at));
          }
          String error = done.succeeded() ? "HTTP " + done.result() : String.valueOf(done.cause().getMessage());
          int attempt = notification.attempts() + 1;
          Instant retryAt = attempt >= retry.attempts() ? null : at.plus(backoff(attempt));
          if (retryAt == null) {
            LOG.warn("Notification {} to webhook {} is dead after {} attempts ({}); replay it with "
                + "POST /api/v1/notifications/{}/replay", notification.id(), webhook.name(), attempt, error,
                notification.id());
          }
          return Future.succeededFuture(new Outcome(notification.id(), false, error, retryAt, at));
        });
  }

  private Duration backoff(int attempt) {
    Duration wait = retry.first().multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(retry.longest()) > 0 ? retry.longest() : wait;
  }
}
