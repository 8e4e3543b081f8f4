package io.roadstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMqttBrokerIT {

  @TempDir
  Path tempDir;

  @Test
  void keepsAQos1MessageForAnOfflinePersistentSubscriberAcrossARestart() throws Exception {
    Path data = tempDir.resolve("mqtt");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    int port;
    try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(data).start()) {
      port = broker.port();
      assertThat(port).isPositive();
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + port);

      MqttClient subscriber = client(broker.uri(), "sub", received);
      subscriber.subscribe("sensors/+/reading", 1);
      subscriber.disconnect();
      subscriber.close();

      MqttClient publisher = new MqttClient(broker.uri(), "pub", new MemoryPersistence());
      publisher.connect();
      publisher.publish("sensors/D-1/reading", "while away".getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.disconnect();
      publisher.close();
    }

    try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(data, "127.0.0.1", port).start()) {
      MqttClient subscriber = client(broker.uri(), "sub", received);
      try {
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("message queued for the offline session")
            .isEqualTo("sensors/D-1/reading while away");
      } finally {
        subscriber.disconnect();
        subscriber.close();
      }
    }
  }

  private static MqttClient client(String uri, String id, BlockingQueue<String> received) throws Exception {
    MqttClient c = new MqttClient(uri, id, new MemoryPersistence());
    c.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) { }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) { }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    c.connect(options);
    return c;
  }
}
