package io.roadstream.server.dispatch;

import io.roadstream.core.config.RoadstreamConfig.Dispatch.Webhook;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.store.WebhookDeliveryRepository;
import io.roadstream.store.WebhookDeliveryRepository.DueDelivery;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the delivery log holds as pending: claims the deliveries that are due, POSTs each on one of a few
 * sender threads, records every attempt, schedules a retry by the {@link RetrySchedule}, and after the last failed
 * attempt writes a dead letter and marks the delivery failed. A webhook that is down keeps only its own rows
 * pending; the others go on. All state is in PostgreSQL, so a new worker resumes where a stopped one left off.
 *
 * <p>A delivery is claimed for a lease longer than an attempt can take; a worker that dies mid-attempt leaves it to
 * be attempted again when the lease ends. That repeat, and a 2xx whose recording PostgreSQL refused for a whole
 * lease, are the only ways a webhook sees an incident twice; the {@code Idempotency-Key} header lets it tell.
 */
final class DeliveryWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  /** Work on the delivery log that may fail while PostgreSQL is away. */
  @FunctionalInterface
  private interface LogWrite {
    void run() throws SQLException;
  }

  private final WebhookDeliveryRepository deliveries;
  private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  private final WebhookClient client;
  private final RetrySchedule retry;
  private final DeadLetterPublisher deadLetters;
  private final Duration pollInterval;
  private final Duration lease;
  private final Duration drainTimeout;
  private final ExecutorService senders;
  private final Semaphore freeSenders;
  private final Object wakeup = new Object();
  private boolean woken; // guarded by wakeup
  private volatile boolean running = true;
  private volatile boolean databaseAvailable = true;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * @param pollInterval how often the log is asked for due deliveries when nothing wakes the worker
   * @param timeout      the webhook client's timeout; leases and the drain at close are derived from it
   */
  DeliveryWorker(WebhookDeliveryRepository deliveries, List<Webhook> webhooks, WebhookClient client,
      RetrySchedule retry, DeadLetterPublisher deadLetters, int senders, Duration pollInterval, Duration timeout) {
    this.deliveries = deliveries;
    webhooks.forEach(w -> this.webhooks.put(w.name(), w));
    this.client = client;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.pollInterval = pollInterval;
    // connect and response timeouts add up; the margin covers recording the outcome
    this.lease = timeout.multipliedBy(2).plusSeconds(30);
    this.drainTimeout = timeout.multipliedBy(2).plusSeconds(5);
    AtomicInteger threads = new AtomicInteger();
    this.senders = Executors.newFixedThreadPool(senders, r -> {
      Thread t = new Thread(r, "webhook-sender-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.freeSenders = new Semaphore(senders);
  }

  @Override
  public void run() {
    try {
      while (running) {
        int free = freeSenders.availablePermits();
        List<DueDelivery> due = free == 0 ? List.of() : claim(free);
        for (DueDelivery delivery : due) {
          freeSenders.acquire();
          senders.execute(() -> {
            try {
              attempt(delivery);
            } finally {
              freeSenders.release();
              wakeUp();
            }
          });
        }
        // a full batch suggests more are due: claim again at once
        if (free == 0 || due.size() < free) {
          awaitWork();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      drain();
    }
  }

  /** Asks for a look at the log now (new deliveries, a free sender) instead of at the next poll. */
  void wakeUp() {
    synchronized (wakeup) {
      woken = true;
      wakeup.notifyAll();
    }
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  /** Stops claiming; the thread running {@link #run()} lets the attempts under way finish and record. */
  @Override
  public void close() {
    running = false;
    wakeUp();
  }

  private List<DueDelivery> claim(int limit) {
    try {
      List<DueDelivery> due = deliveries.claimDue(webhooks.keySet(), limit, lease);
      if (!databaseAvailable) {
        LOG.info("the webhook delivery log is available again; sending resumes");
        databaseAvailable = true;
      }
      return due;
    } catch (SQLException | RuntimeException e) {
      if (databaseAvailable) {
        LOG.warn("cannot read the webhook delivery log ({}); pending deliveries wait in PostgreSQL", e.getMessage());
        databaseAvailable = false;
      }
      return List.of();
    }
  }

  private void awaitWork() throws InterruptedException {
    synchronized (wakeup) {
      if (!woken && running) {
        wakeup.wait(pollInterval.toMillis());
      }
      woken = false;
    }
  }

  private void attempt(DueDelivery d) {
    Webhook webhook = webhooks.get(d.webhook());
    try {
      if (retry.exhausted(d.attempts())) {
        // the last attempt failed before a crash could write its dead letter
        giveUp(d, webhook, d.attempts(), d.lastError());
        return;
      }
      int attempt = d.attempts() + 1;
      WebhookClient.Outcome outcome = client.post(webhook, d.incidentId(), attempt, d.payload());
      if (outcome.delivered()) {
        recordDurably(() -> deliveries.markDelivered(d.incidentId(), d.webhook(), attempt, outcome.httpStatus()));
        delivered.incrementAndGet();
        LOG.info("incident {} delivered to webhook '{}' (attempt {}, HTTP {})", d.incidentId(), d.webhook(), attempt,
            outcome.httpStatus());
        return;
      }
      boolean last = retry.exhausted(attempt);
      // after the last attempt the row stays claimed for a lease while its dead letter is written; were it due
      // sooner, another claim could write a second letter
      Duration wait = last ? lease : retry.delayAfter(attempt);
      recordDurably(() -> deliveries.recordFailure(d.incidentId(), d.webhook(), attempt, outcome.httpStatus(),
          outcome.error(), wait));
      if (last) {
        giveUp(d, webhook, attempt, outcome.error());
      } else {
        LOG.info("webhook '{}' did not take incident {} (attempt {} of {}: {}); next attempt in {} ms", d.webhook(),
            d.incidentId(), attempt, retry.maxAttempts(), outcome.error(), wait.toMillis());
      }
    } catch (InterruptedException e) {
      // stopping mid-attempt: the claim runs out after its lease and the attempt is made again
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("delivery of incident {} to webhook '{}' is retried after its lease: {}", d.incidentId(), d.webhook(),
          e.getMessage());
    }
  }

  private void giveUp(DueDelivery d, Webhook webhook, int attempts, String lastError)
      throws InterruptedException, SQLException {
    String reason = "webhook '" + d.webhook() + "' (" + webhook.url() + ") did not accept incident " + d.incidentId()
        + " in " + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; the last: " + lastError;
    // the letter first: if the process dies before the row is marked, the next worker writes the letter again
    // rather than never
    deadLetters.publish(d, reason);
    recordDurably(() -> deliveries.markFailed(d.incidentId(), d.webhook()));
    failed.incrementAndGet();
    LOG.warn("gave up: {}; dead letter written", reason);
  }

  /** Retries a write to the log while PostgreSQL is away, for as long as the delivery's claim lasts. */
  private void recordDurably(LogWrite write) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + lease.toNanos();
    long backoffMs = 100;
    while (true) {
      try {
        write.run();
        return;
      } catch (SQLException e) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) > deadline) {
          throw e;
        }
        Thread.sleep(backoffMs); // a sender thread's own pause; nothing else waits on it
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private void drain() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("webhook attempts still under way after {} s; they are repeated after their lease",
            drainTimeout.toSeconds());
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
