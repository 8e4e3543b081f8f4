package io.roadstream.server.dispatch;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.RoadstreamConfig.Dispatch.Webhook;
import io.roadstream.core.config.Topics;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.store.Materializer;
import io.roadstream.store.WebhookDeliveryRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * roadstream's emergency notifications and alert feed for other systems, as configured in {@code dispatch}:
 * confirmed incidents of the configured kinds to every webhook, exactly once each (through the delivery log in
 * PostgreSQL, with retries and dead letters), and every alert to a RabbitMQ exchange. Each part runs on its own
 * thread; {@link #close()} stops them and lets attempts under way finish.
 */
public final class Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int SENDERS = 4;
  private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

  private final List<Runnable> stops = new ArrayList<>();
  private final String description;
  private DeliveryWorker worker;

  /** True when {@code dispatch} asks for anything to be sent. */
  public static boolean configured(RoadstreamConfig.Dispatch dispatch) {
    return !dispatch.webhooks().isEmpty() || !dispatch.rabbitmq().uri().isEmpty();
  }

  /**
   * Starts the configured parts.
   *
   * @param kafka       bootstrap servers and client settings
   * @param groupPrefix consumer groups are {@code <prefix>-webhooks} and {@code <prefix>-rabbitmq}; processes that
   *                    share it share the work
   * @param dataSource  the database holding the delivery log (migrated by {@code Database.open}); unused, and may
   *                    be null, when no webhooks are configured
   */
  public static Dispatcher start(Map<String, Object> kafka, String groupPrefix, Topics topics, DataSource dataSource,
      RoadstreamConfig.Dispatch dispatch) {
    Dispatcher dispatcher = new Dispatcher(describe(dispatch));
    try {
      if (!dispatch.webhooks().isEmpty()) {
        dispatcher.startWebhooks(kafka, groupPrefix + "-webhooks", topics, dataSource, dispatch);
      }
      if (!dispatch.rabbitmq().uri().isEmpty()) {
        dispatcher.startRabbitMq(kafka, groupPrefix + "-rabbitmq", topics, dispatch.rabbitmq(),
            Duration.ofMillis(dispatch.timeoutMs()));
      }
    } catch (RuntimeException e) {
      dispatcher.close();
      throw e;
    }
    LOG.info("dispatching {}", dispatcher.description);
    return dispatcher;
  }

  private Dispatcher(String description) {
    this.description = description;
  }

  /** What goes where, for a log line: never a token or a password. */
  public String description() {
    return description;
  }

  /** Webhook deliveries that got a 2xx since start. */
  public long delivered() {
    return worker == null ? 0 : worker.delivered();
  }

  /** Webhook deliveries given up (dead-lettered) since start. */
  public long failed() {
    return worker == null ? 0 : worker.failed();
  }

  private void startWebhooks(Map<String, Object> kafka, String groupId, Topics topics, DataSource dataSource,
      RoadstreamConfig.Dispatch dispatch) {
    Duration timeout = Duration.ofMillis(dispatch.timeoutMs());
    RetrySchedule retry = RetrySchedule.of(dispatch.retry());
    WebhookDeliveryRepository deliveries = new WebhookDeliveryRepository(dataSource);
    DeadLetterPublisher deadLetters = new DeadLetterPublisher(kafka, topics.deadLetters(), Clock.systemUTC());
    stops.add(deadLetters::close);
    // a retry is never later than its first backoff, and the log is not asked more than every 20 ms
    Duration poll = retry.initial().compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL
        : retry.initial().compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20) : retry.initial();
    worker = new DeliveryWorker(deliveries, dispatch.webhooks(), new WebhookClient(timeout), retry, deadLetters,
        SENDERS, poll, timeout);
    run("dispatch-webhooks", worker, worker::close, timeout.multipliedBy(2).plusSeconds(10));
    Materializer<?> intake = new IncidentIntake(dispatch.webhooks(), new HashSet<>(dispatch.kinds()))
        .materializer(kafka, groupId, topics.incidents(), topics.deadLetters(), deliveries, worker::wakeUp);
    run("dispatch-incidents", intake, intake::close, Duration.ofSeconds(15));
  }

  private void startRabbitMq(Map<String, Object> kafka, String groupId, Topics topics,
      RoadstreamConfig.Dispatch.RabbitMq rabbitmq, Duration timeout) {
    RabbitAlertSink sink = new RabbitAlertSink(rabbitmq.uri(), rabbitmq.exchange(), timeout);
    stops.add(sink::close);
    String sinkName = "RabbitMQ exchange '" + rabbitmq.exchange() + "' at " + RabbitAlertSink.redact(rabbitmq.uri());
    Materializer<?> relay = new AlertRelay().materializer(kafka, groupId, topics.alerts(), topics.deadLetters(), sink,
        sinkName);
    run("dispatch-rabbitmq", relay, relay::close, Duration.ofSeconds(15));
  }

  /** Runs {@code task} on a daemon thread; closing the dispatcher stops it and waits for its thread to end. */
  private void run(String name, Runnable task, Runnable stop, Duration joinTimeout) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} stopped", t.getName(), e));
    thread.start();
    stops.add(() -> {
      stop.run();
      try {
        thread.join(joinTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static String describe(RoadstreamConfig.Dispatch dispatch) {
    List<String> parts = new ArrayList<>();
    if (!dispatch.webhooks().isEmpty()) {
      parts.add("CONFIRMED incidents of kind " + String.join(", ", dispatch.kinds()) + " to webhook"
          + (dispatch.webhooks().size() == 1 ? " " : "s ")
          + dispatch.webhooks().stream().map(Webhook::toString).collect(Collectors.joining(", "))
          + " (up to " + dispatch.retry().maxAttempts() + " attempts each)");
    }
    if (!dispatch.rabbitmq().uri().isEmpty()) {
      parts.add("alerts to RabbitMQ exchange '" + dispatch.rabbitmq().exchange() + "' at "
          + RabbitAlertSink.redact(dispatch.rabbitmq().uri()));
    }
    return parts.isEmpty() ? "nothing (no webhooks, no RabbitMQ)" : String.join("; ", parts);
  }

  /**
   * Stops the parts in the reverse of their start: the RabbitMQ relay, the incident intake, then the sending
   * (attempts under way finish and are recorded) and its dead-letter producer.
   */
  @Override
  public synchronized void close() {
    for (int i = stops.size() - 1; i >= 0; i--) {
      try {
        stops.get(i).run();
      } catch (RuntimeException e) {
        LOG.warn("error while stopping the dispatcher: {}", e.toString());
      }
    }
    stops.clear();
  }
}
