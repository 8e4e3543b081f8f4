package io.roadstream.server.dispatch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes alerts to a durable topic exchange as persistent messages and returns only once the broker has
 * confirmed every one (publisher confirms), so offsets committed after it never skip an unconfirmed alert. Connects
 * lazily and again after any failure. Used from one thread.
 */
final class RabbitAlertSink implements AutoCloseable {

  private final ConnectionFactory factory = new ConnectionFactory();
  private final String exchange;
  private final Duration confirmTimeout;
  private Connection connection;
  private Channel channel;

  RabbitAlertSink(String uri, String exchange, Duration timeout) {
    try {
      factory.setUri(uri);
    } catch (Exception e) {
      throw new IllegalArgumentException("dispatch.rabbitmq.uri: not a usable AMQP URI: " + e.getMessage(), e);
    }
    factory.setConnectionTimeout((int) timeout.toMillis());
    factory.setHandshakeTimeout((int) timeout.toMillis());
    // this class reconnects by itself at the next batch; the client's own recovery would replay channels behind
    // its back
    factory.setAutomaticRecoveryEnabled(false);
    this.exchange = exchange;
    this.confirmTimeout = timeout;
  }

  /** @throws UncheckedIOException when the broker is unreachable or did not confirm; the batch is then retried */
  void publish(List<AlertMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      Channel ch = channel();
      for (AlertMessage m : messages) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2) // persistent: survives a broker restart in a durable queue
            .messageId(m.messageId())
            .timestamp(new java.util.Date(m.time()))
            .build();
        ch.basicPublish(exchange, m.routingKey(), props, m.body());
      }
      ch.waitForConfirmsOrDie(confirmTimeout.toMillis());
    } catch (IOException | TimeoutException | RuntimeException e) {
      disconnect();
      throw new UncheckedIOException(new IOException("RabbitMQ did not confirm " + messages.size() + " alert(s) on "
          + "exchange '" + exchange + "': " + e.getMessage(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      disconnect();
      throw new IllegalStateException("interrupted while waiting for RabbitMQ's confirms", e);
    }
  }

  private Channel channel() throws IOException, TimeoutException {
    if (channel == null || !channel.isOpen()) {
      disconnect();
      connection = factory.newConnection("roadstream-dispatcher");
      channel = connection.createChannel();
      channel.exchangeDeclare(exchange, "topic", true);
      channel.confirmSelect();
    }
    return channel;
  }

  private void disconnect() {
    try {
      if (connection != null && connection.isOpen()) {
        connection.close((int) confirmTimeout.toMillis());
      }
    } catch (IOException | RuntimeException ignored) {
      // the connection is gone either way; the next batch opens a new one
    }
    connection = null;
    channel = null;
  }

  @Override
  public void close() {
    disconnect();
  }

  /** The URI without its password, for logs. */
  static String redact(String uri) {
    try {
      URI u = new URI(uri);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (Exception e) {
      return "(unparseable URI)";
    }
  }
}
