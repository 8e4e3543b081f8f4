package io.roadstream.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.RoadstreamConfig.Dispatch;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.Alert;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts from a real Kafka broker to the real RabbitMQ on this machine (127.0.0.1:5672, guest/guest; .ci/run starts
 * it): each alert reaches a queue bound to the exchange once, routed by type and segment.
 */
@ExtendWith(KafkaTestBroker.class)
class AlertRelayIT {

  private static final String RABBITMQ_URI =
      System.getenv().getOrDefault("ROADSTREAM_TEST_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672");
  private static final long T0 = Instant.parse("2026-11-27T07:10:00Z").toEpochMilli();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventCodec codec = new EventCodec();
  private final List<Dispatcher> dispatchers = new ArrayList<>();
  private Connection rabbit;
  private Channel channel;
  private String exchange;
  private String everything;
  private String withdrawals;
  private Topics topics;

  @BeforeEach
  void declareQueues(KafkaTestClients kafka) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(RABBITMQ_URI);
    rabbit = factory.newConnection("roadstream-test");
    channel = rabbit.createChannel();
    exchange = KafkaTestClients.uniqueName("roadstream.alerts.test");
    // declared as the dispatcher declares it, so that the queues can be bound before the first alert
    channel.exchangeDeclare(exchange, "topic", true);
    everything = channel.queueDeclare(exchange + ".all", false, false, false, null).getQueue();
    withdrawals = channel.queueDeclare(exchange + ".withdrawn", false, false, false, null).getQueue();
    channel.queueBind(everything, exchange, "alert.#");
    channel.queueBind(withdrawals, exchange, "alert.withdrawn.*");
    topics = DispatchTopics.create(kafka, "alerts", "dead-letters");
  }

  @AfterEach
  void deleteQueues() throws Exception {
    dispatchers.forEach(Dispatcher::close);
    channel.queueDelete(everything);
    channel.queueDelete(withdrawals);
    channel.exchangeDelete(exchange);
    rabbit.close();
  }

  /** Built from JSON, as it arrives on the topic, so the test holds whatever optional fields the record gains. */
  private Alert alert(String cause, String type, String segment, long time) throws Exception {
    return codec.decodeAlert(("{\"alertId\":\"" + cause + ">" + segment + "\",\"type\":\"" + type + "\",\"time\":"
        + time + ",\"segmentId\":\"" + segment + "\",\"distanceM\":1604.0,\"cause\":\"accident\",\"causeId\":\""
        + cause + "\",\"causeSegmentId\":\"M1-E-07\",\"message\":\"Accident 1.6 km ahead on M1 eastbound: lanes may "
        + "be blocked, slow down and expect delays\"}").getBytes(StandardCharsets.UTF_8));
  }

  private void produce(KafkaTestClients kafka, Alert... alerts) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Alert a : alerts) {
      records.add(new ProducerRecord<>(topics.alerts(), a.segmentId().getBytes(StandardCharsets.UTF_8),
          codec.encode(a)));
    }
    kafka.produceRecords(records);
  }

  private Dispatcher startDispatcher(KafkaTestClients kafka, String group) {
    Dispatch defaults = RoadstreamConfig.defaults().dispatch();
    Dispatch dispatch = new Dispatch(List.of(), defaults.kinds(), 5_000, defaults.retry(),
        new Dispatch.RabbitMq(RABBITMQ_URI, exchange));
    Dispatcher dispatcher = Dispatcher.start(Map.of("bootstrap.servers", kafka.bootstrapServers()), group, topics,
        null, dispatch);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  /** Takes {@code n} messages off {@code queue} within the wait, then checks that no further one is there. */
  private List<GetResponse> take(String queue, int n) {
    List<GetResponse> got = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      GetResponse r = channel.basicGet(queue, true);
      if (r != null) {
        got.add(r);
      }
      return got.size() >= n;
    });
    return got;
  }

  @Test
  void everyAlertReachesTheExchangeOnceRoutedByTypeAndSegment(KafkaTestClients kafka) throws Exception {
    String group = KafkaTestClients.uniqueName("relay");
    Alert issued6 = alert("acc-1", Alert.ISSUED, "M1-E-06", T0);
    Alert issued5 = alert("acc-1", Alert.ISSUED, "M1-E-05", T0);
    Alert withdrawn6 = alert("acc-1", Alert.WITHDRAWN, "M1-E-06", T0 + 600_000);
    Dispatcher first = startDispatcher(kafka, group);
    assertThat(first.description()).contains("exchange '" + exchange + "'").doesNotContain("guest:guest");

    produce(kafka, issued6, issued5, withdrawn6);

    List<GetResponse> all = take(everything, 3);
    assertThat(all).extracting(r -> r.getEnvelope().getRoutingKey())
        .containsExactly("alert.issued.M1-E-06", "alert.issued.M1-E-05", "alert.withdrawn.M1-E-06");
    assertThat(all).extracting(r -> codec.decodeAlert(r.getBody())).containsExactly(issued6, issued5, withdrawn6);
    assertThat(all).allSatisfy(r -> {
      assertThat(r.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
      assertThat(r.getProps().getContentType()).isEqualTo("application/json");
    });
    assertThat(all).extracting(r -> r.getProps().getMessageId()).doesNotHaveDuplicates();
    assertThat(take(withdrawals, 1)).extracting(r -> codec.decodeAlert(r.getBody())).containsExactly(withdrawn6);

    // a restarted relay goes on after the last confirmed batch: the next alert is the only new message
    first.close();
    startDispatcher(kafka, group);
    Alert issued4 = alert("acc-1", Alert.ISSUED, "M1-E-04", T0 + 60_000);
    produce(kafka, issued4);

    assertThat(take(everything, 1)).extracting(r -> codec.decodeAlert(r.getBody())).containsExactly(issued4);
    assertThat(channel.messageCount(everything)).isZero();
    assertThat(channel.messageCount(withdrawals)).isZero();
  }
}
