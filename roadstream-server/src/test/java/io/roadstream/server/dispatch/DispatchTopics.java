package io.roadstream.server.dispatch;

import io.roadstream.core.config.Topics;
import io.roadstream.testkit.KafkaTestClients;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;

/** A fresh set of roadstream topic names under a unique prefix, with the topics a dispatcher test needs created. */
final class DispatchTopics {

  private DispatchTopics() {}

  static Topics create(KafkaTestClients kafka, String... names) throws Exception {
    Topics topics = new Topics(KafkaTestClients.uniqueName("dispatch") + ".");
    List<NewTopic> created = java.util.Arrays.stream(names)
        .map(name -> new NewTopic(topics.prefix() + name, 1, (short) 1)).toList();
    kafka.admin().createTopics(created).all().get(30, TimeUnit.SECONDS);
    return topics;
  }
}
