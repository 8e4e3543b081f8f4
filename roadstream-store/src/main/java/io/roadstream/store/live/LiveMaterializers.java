package io.roadstream.store.live;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.store.Materializer;
import io.roadstream.store.Materializers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The materializers that keep the live view in Redis: segment stats, congestion, incidents and signal plans, each a
 * {@link Materializer} of its own consumer group ({@code <prefix>-redis-<topic>}: the same records the PostgreSQL
 * materializers read, at their own pace). Offsets are committed only after Redis has applied a poll's entries, so a
 * Redis outage makes them lag, and they catch up afterwards; the entries are idempotent, so the replay after a crash
 * changes nothing twice.
 */
public final class LiveMaterializers {

  private static final Logger LOG = LoggerFactory.getLogger(LiveMaterializers.class);

  private LiveMaterializers() {}

  /** The consumer group of the Redis materializer of {@code topicName}. */
  public static String group(String groupPrefix, String topicName) {
    return Materializers.group(groupPrefix + "-redis", topicName);
  }

  /** One materializer per live topic, not started. */
  public static List<Materializer<LiveEntry>> all(Map<String, Object> kafka, String groupPrefix, Topics topics,
      RedisLiveStore store, LiveEntries entries, Clock clock) {
    EventCodec codec = new EventCodec();
    return List.of(
        materializer(kafka, groupPrefix, topics.segmentStats(), topics, store, clock,
            r -> entries.stats(codec.decodeStats(r.value()), r.offset(), clock.millis())),
        materializer(kafka, groupPrefix, topics.congestion(), topics, store, clock,
            r -> entries.jam(codec.decodeCongestion(r.value()), r.offset(), clock.millis())),
        materializer(kafka, groupPrefix, topics.incidents(), topics, store, clock,
            r -> entries.incident(codec.decodeIncident(r.value()), r.offset(), clock.millis())),
        materializer(kafka, groupPrefix, topics.signalPlans(), topics, store, clock,
            r -> entries.signalPlan(codec.decodeSignalPlan(r.value()), r.offset(), clock.millis())));
  }

  private static Materializer<LiveEntry> materializer(Map<String, Object> kafka, String groupPrefix, String topic,
      Topics topics, RedisLiveStore store, Clock clock, Materializer.RecordDecoder<LiveEntry> decoder) {
    Materializer.RecordDecoder<LiveEntry> lenient = record -> {
      if (record.value() == null) {
        return null;
      }
      try {
        return decoder.decode(record);
      } catch (DecodeException e) {
        // the PostgreSQL materializer of the same topic sends it to the dead letters; once is enough
        LOG.debug("live view: skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
            record.offset(), e.getMessage());
        return null;
      }
    };
    return new Materializer<>(kafka, group(groupPrefix, topic), topic, topics.deadLetters(), lenient,
        batch -> store.write(batch.stream().filter(Objects::nonNull).toList(), clock.millis()), written -> { },
        "Redis");
  }
}
