package io.roadstream.ingest.mqtt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Hands the messages Paho receives on its callback thread to the connector's thread, through a bounded queue: when
 * the connector waits for Kafka, the queue fills, Paho's callback thread waits, and the broker stops sending once its
 * in-flight window is full. Remembers why the connection was lost. One per connection.
 */
final class MqttInbox implements MqttCallback {

  /** One message as it arrived; it is acknowledged by its id once its records are in Kafka. */
  record Arrival(String topic, MqttMessage message) {}

  private final BlockingQueue<Arrival> arrivals;
  private volatile Throwable lost;
  private volatile boolean closing;

  MqttInbox(int capacity) {
    this.arrivals = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
    // bounded so that a disconnect never waits on a full queue: a message dropped here was not acknowledged, and the
    // broker sends it again to the next connection of this session
    while (!arrivals.offer(new Arrival(topic, message), 100, TimeUnit.MILLISECONDS)) {
      if (closing) {
        return;
      }
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    lost = cause == null ? new IllegalStateException("connection lost") : cause;
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // the bridge publishes nothing
  }

  /** The next message, waiting up to {@code millis} (0: not at all); null if none came. */
  Arrival next(long millis) throws InterruptedException {
    return millis == 0 ? arrivals.poll() : arrivals.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Why the connection was lost, or null while it holds. */
  Throwable lost() {
    return lost;
  }

  /** Stops taking messages, so that Paho's callback thread can end. */
  void close() {
    closing = true;
  }
}
