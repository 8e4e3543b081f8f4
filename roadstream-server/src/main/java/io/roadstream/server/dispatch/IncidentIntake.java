package io.roadstream.server.dispatch;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig.Dispatch.Webhook;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.store.Materializer;
import io.roadstream.store.WebhookDeliveryRepository;
import io.roadstream.store.WebhookDeliveryRepository.NewDelivery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code roadstream.incidents} into pending webhook deliveries: each CONFIRMED incident of a configured kind
 * becomes one delivery per webhook. The deliveries are in PostgreSQL before the offsets are committed (a
 * {@link Materializer}), so a crash never loses one, and a replayed incident finds its rows already there.
 */
final class IncidentIntake {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentIntake.class);

  private final EventCodec codec = new EventCodec();
  private final List<Webhook> webhooks;
  private final Set<String> kinds;

  IncidentIntake(List<Webhook> webhooks, Set<String> kinds) {
    this.webhooks = List.copyOf(webhooks);
    this.kinds = Set.copyOf(kinds);
  }

  /** The loop from the incidents topic into the delivery log; {@code onEnqueued} runs after each durable batch. */
  Materializer<List<NewDelivery>> materializer(Map<String, Object> kafka, String groupId, String incidentsTopic,
      String deadLetterTopic, WebhookDeliveryRepository deliveries, Runnable onEnqueued) {
    return new Materializer<>(kafka, groupId, incidentsTopic, deadLetterTopic, this::deliveriesFor,
        batches -> deliveries.enqueue(batches.stream().flatMap(List::stream).toList()), batches -> onEnqueued.run(),
        "the webhook delivery log (PostgreSQL)");
  }

  /** The deliveries one record asks for: none unless it is a CONFIRMED incident of a configured kind. */
  List<NewDelivery> deliveriesFor(ConsumerRecord<byte[], byte[]> record) {
    Incident incident;
    try {
      incident = codec.decodeIncident(record.value());
    } catch (DecodeException e) {
      // the incidents materializer reads the same record and parks it in the dead letters; a second letter from
      // here would count one bad record twice
      LOG.warn("skipping {}-{}@{}: not an incident ({})", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return List.of();
    }
    if (!notifies(incident)) {
      return List.of();
    }
    String json = new String(codec.encode(incident), StandardCharsets.UTF_8);
    List<NewDelivery> deliveries = new ArrayList<>(webhooks.size());
    for (Webhook webhook : webhooks) {
      deliveries.add(new NewDelivery(incident.incidentId(), webhook.name(), json, record.topic(), record.partition(),
          record.offset()));
    }
    return deliveries;
  }

  /** Emergency services hear of an incident once, when it is confirmed; detection alone may be a false alarm. */
  boolean notifies(Incident incident) {
    return incident.type() == IncidentType.CONFIRMED && kinds.contains(incident.kind());
  }
}
