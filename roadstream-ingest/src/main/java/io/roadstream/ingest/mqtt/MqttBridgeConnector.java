package io.roadstream.ingest.mqtt;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.EventSink;
import io.roadstream.ingest.connect.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to an MQTT broker's topics and puts every message's records on Kafka, at least once.
 *
 * <p><b>Acknowledgment.</b> The client acknowledges manually: a message's PUBACK goes to the broker only after the
 * sink accepted all its records and a {@link EventSink#flush} returned, i.e. they are in Kafka on every in-sync
 * replica. Until then the broker keeps the message, and sends it again to the next connection of this session if the
 * bridge fails or stops. Acks are sent in batches: messages are mapped and accepted as they come, and the batch is
 * flushed and acknowledged as soon as no further message is waiting, or it holds {@value #MAX_BATCH} messages, or its
 * first message waited {@link #MAX_BATCH_AGE}. One flush per message would cost a Kafka round trip each (a few
 * hundred messages a second); flushing when the queue runs dry keeps a lone message's delay at one round trip and
 * lets a burst share one. It also never deadlocks against the broker's in-flight window (Mosquitto sends 20 unacked
 * QoS 1 messages by default, then waits): when the broker stops sending, the queue runs dry and the batch is acked.
 *
 * <p><b>Reconnecting</b> is the {@link io.roadstream.ingest.connect.ConnectorRuntime}'s job, not Paho's: when the
 * connection is lost, {@link #run} throws, the runtime waits its backoff and runs it again, which connects with the
 * same client id and a persistent session ({@code cleanSession: false}): the broker then sends the unacknowledged
 * messages again and those queued meanwhile. Records of an unacknowledged message may already be in Kafka, so a
 * failure can repeat them; the pipeline drops a repeated sensor interval or probe position as OUT_OF_ORDER.
 * Paho's automatic reconnect is off because it would keep acks of the old connection pending against the new one.
 *
 * <p>A payload that cannot be read becomes a dead letter (see {@link MqttPayloadMapper}) and its message is acked
 * like any other: the bridge goes on.
 */
public final class MqttBridgeConnector implements Connector {

  /** Messages acknowledged together at most; Paho's in-flight bound, {@code setMaxInflight}, is the same. */
  static final int MAX_BATCH = 1000;
  /** The longest a message waits for its acknowledgment while a steady stream keeps the queue from running dry. */
  static final Duration MAX_BATCH_AGE = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(MqttBridgeConnector.class);
  private static final long IDLE_POLL_MS = 100;
  private static final long DISCONNECT_QUIESCE_MS = 1000;

  private final MqttSettings settings;
  private final MqttPayloadMapper mapper;

  /** @param settings valid settings (their {@link MqttSettings#problems} empty) */
  public MqttBridgeConnector(MqttSettings settings, EventCodec codec) {
    this.settings = settings;
    this.mapper = new MqttPayloadMapper(settings, codec);
  }

  @Override
  public String name() {
    return settings.name();
  }

  /**
   * Connects, subscribes and bridges until {@code stop} is requested (then flushes, acknowledges and disconnects,
   * leaving the session on the broker). Throws when the connection fails or is lost, or when Kafka refuses records.
   */
  @Override
  public void run(EventSink sink, Stop stop) throws Exception {
    MqttInbox inbox = new MqttInbox(MAX_BATCH);
    // the broker keeps the session's state; nothing needs to outlive this connection on our side
    MqttClient client = new MqttClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
    try {
      client.setManualAcks(true);
      client.setCallback(inbox);
      client.connect(connectOptions());
      subscribe(client);
      bridge(client, inbox, sink, stop);
    } finally {
      inbox.close();
      disconnect(client);
    }
  }

  private MqttConnectOptions connectOptions() {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(settings.cleanSession());
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(settings.keepAliveS());
    o.setConnectionTimeout(settings.connectTimeoutS());
    o.setMaxInflight(MAX_BATCH);
    if (!settings.username().isEmpty()) {
      o.setUserName(settings.username());
      o.setPassword(settings.password().toCharArray());
    }
    return o;
  }

  private void subscribe(MqttClient client) throws MqttException {
    String[] filters = settings.topics().toArray(String[]::new);
    int[] qos = new int[filters.length];
    Arrays.fill(qos, settings.qos());
    IMqttToken token = client.subscribeWithResponse(filters, qos);
    int[] granted = token.getGrantedQos();
    for (int i = 0; i < granted.length && i < filters.length; i++) {
      if (granted[i] == 0x80) {
        throw new IllegalStateException(name() + ": the broker refused the subscription to '" + filters[i]
            + "' (not authorised for it?)");
      }
      if (granted[i] < settings.qos()) {
        LOG.warn("{}: the broker grants QoS {} for '{}', not {}: messages may be lost while the bridge is away",
            name(), granted[i], filters[i], settings.qos());
      }
    }
    LOG.info("{}: connected to {} as {} ({} session), subscribed to {} at QoS {}", name(), settings.brokerUri(),
        settings.clientId(), settings.cleanSession() ? "clean" : "persistent", settings.topics(), settings.qos());
  }

  private void bridge(MqttClient client, MqttInbox inbox, EventSink sink, Stop stop) throws Exception {
    List<MqttMessage> unacked = new ArrayList<>();
    long oldest = 0;
    while (true) {
      Throwable lost = inbox.lost();
      if (lost != null) {
        throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, lost);
      }
      if (stop.requested()) {
        acknowledge(client, sink, unacked);
        return;
      }
      MqttInbox.Arrival arrival = inbox.next(unacked.isEmpty() ? IDLE_POLL_MS : 0);
      if (arrival != null) {
        for (SourceRecord record : mapper.map(arrival.topic(), arrival.message().getPayload())) {
          sink.accept(record);
        }
        if (unacked.isEmpty()) {
          oldest = System.nanoTime();
        }
        unacked.add(arrival.message());
      }
      boolean due = arrival == null || unacked.size() >= MAX_BATCH
          || System.nanoTime() - oldest >= MAX_BATCH_AGE.toNanos();
      if (!unacked.isEmpty() && due) {
        acknowledge(client, sink, unacked);
      }
    }
  }

  /** Waits until the records of {@code unacked} are in Kafka, then acknowledges them to the broker, in order. */
  private static void acknowledge(MqttClient client, EventSink sink, List<MqttMessage> unacked)
      throws InterruptedException, MqttException {
    if (unacked.isEmpty()) {
      return;
    }
    sink.flush();
    for (MqttMessage m : unacked) {
      client.messageArrivedComplete(m.getId(), m.getQos());
    }
    unacked.clear();
  }

  /** Leaves the session on the broker: what was not acknowledged comes again to the next connection. */
  private void disconnect(MqttClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect(DISCONNECT_QUIESCE_MS);
      }
    } catch (MqttException e) {
      LOG.debug("{}: disconnect failed ({}); closing the connection", name(), e.toString());
      try {
        client.disconnectForcibly(0, DISCONNECT_QUIESCE_MS);
      } catch (MqttException ignored) {
        // the socket is gone either way
      }
    }
    try {
      client.close();
    } catch (MqttException e) {
      LOG.debug("{}: close failed: {}", name(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "MqttBridgeConnector[" + settings + "]";
  }
}
