package io.roadstream.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.SegmentStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/events.md shows one example per topic; each must decode with the codec, and the codec must write its fields. */
class EventDocsTest {

  private static final Pattern EXAMPLE = Pattern.compile("```json ([a-z-]+)\\n(.*?)\\n```", Pattern.DOTALL);
  private final EventCodec codec =
      new EventCodec(EventLimits.DEFAULT, Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC));

  private static Map<String, byte[]> examples() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "events.md"));
    Map<String, byte[]> examples = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(doc);
    while (m.find()) {
      examples.put(m.group(1), m.group(2).getBytes(StandardCharsets.UTF_8));
    }
    return examples;
  }

  @Test
  void everyTopicHasAnExampleThatDecodes() throws Exception {
    Map<String, byte[]> examples = examples();

    assertThat(examples).containsOnlyKeys("readings", "positions", "reports", "segment-stats", "congestion", "incidents", "alerts", "signal-plans", "dead-letters");
    assertThat(codec.decodeReading(examples.get("readings")).sensorId()).isEqualTo("D-M1-E-03");
    assertThat(codec.decodePosition(examples.get("positions")).segmentId()).isEqualTo("M1-E-03");
    SegmentStats stats = codec.decodeStats(examples.get("segment-stats"));
    DeadLetter letter = codec.decodeDeadLetter(examples.get("dead-letters"));
    assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).contains("\"avgSpeedKmh\":1000");

    var jam = codec.decodeCongestion(examples.get("congestion"));
    assertThat(jam.segmentIds()).containsExactly("M1-E-07", "M1-E-06");
    assertThat(new String(codec.encode(jam), StandardCharsets.UTF_8))
        .isEqualTo(new String(examples.get("congestion"), StandardCharsets.UTF_8));

    var incident = codec.decodeIncident(examples.get("incidents"));
    assertThat(new String(codec.encode(incident), StandardCharsets.UTF_8))
        .isEqualTo(new String(examples.get("incidents"), StandardCharsets.UTF_8));

    var report = codec.decodeReport(examples.get("reports"));
    assertThat(report.verified()).isTrue();
    assertThat(new String(codec.encode(report), StandardCharsets.UTF_8))
        .isEqualTo(new String(examples.get("reports"), StandardCharsets.UTF_8));

    var alert = codec.decodeAlert(examples.get("alerts"));
    assertThat(new String(codec.encode(alert), StandardCharsets.UTF_8))
        .isEqualTo(new String(examples.get("alerts"), StandardCharsets.UTF_8));

    var plan = codec.decodeSignalPlan(examples.get("signal-plans"));
    assertThat(plan.phases()).hasSize(2);
    assertThat(new String(codec.encode(plan), StandardCharsets.UTF_8))
        .isEqualTo(new String(examples.get("signal-plans"), StandardCharsets.UTF_8));

    // what the codec writes has the same fields as the documented example
    assertThat(fieldsOf(codec.encode(stats))).isEqualTo(fieldsOf(examples.get("segment-stats")));
    assertThat(fieldsOf(codec.encode(letter))).isEqualTo(fieldsOf(examples.get("dead-letters")));
    assertThat(fieldsOf(codec.encode(codec.decodeReading(examples.get("readings")))))
        .isEqualTo(fieldsOf(examples.get("readings")));
    assertThat(fieldsOf(codec.encode(codec.decodePosition(examples.get("positions")))))
        .isEqualTo(fieldsOf(examples.get("positions")));
  }

  private static java.util.Set<String> fieldsOf(byte[] json) throws Exception {
    java.util.Set<String> names = new java.util.TreeSet<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames().forEachRemaining(names::add);
    return names;
  }
}
