package io.roadstream.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event → JSON, as the job's Kafka sinks do: a segment-stats record (every window) and a position (re-encoded for a
 * dead letter). Reference: Jackson's streaming generator writing the same fields straight into bytes (no tree).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {

  private SegmentStats[] stats;
  private ProbePosition[] positions;
  private EventCodec codec;
  private final JsonFactory json = new JsonFactory();
  private int nextStats;
  private int nextPosition;

  @Setup
  public void setUp() {
    SimulatedTraffic traffic = SimulatedTraffic.generate(Duration.ofMinutes(1));
    positions = traffic.positions.toArray(ProbePosition[]::new);
    List<SegmentStats> all = new ArrayList<>();
    for (var segment : traffic.network.segments()) {
      SegmentObservations o = new SegmentObservations();
      traffic.readings.stream()
          .filter(r -> traffic.network.detector(r.sensorId()).orElseThrow().segmentId().equals(segment.id()))
          .forEach(o::add);
      traffic.positions.stream().filter(p -> segment.id().equals(p.segmentId())).forEach(o::add);
      long start = SimulatedTraffic.START.toEpochMilli();
      all.add(SegmentStatsCalculator.compute(segment, start, start + 60_000, o));
    }
    stats = all.toArray(SegmentStats[]::new);
    codec = new EventCodec();
  }

  private SegmentStats nextStats() {
    SegmentStats s = stats[nextStats++];
    if (nextStats == stats.length) {
      nextStats = 0;
    }
    return s;
  }

  private ProbePosition nextPosition() {
    ProbePosition p = positions[nextPosition++];
    if (nextPosition == positions.length) {
      nextPosition = 0;
    }
    return p;
  }

  @Benchmark
  public byte[] referenceJacksonStreamingStats() throws IOException {
    SegmentStats s = nextStats();
    ByteArrayBuilder out = new ByteArrayBuilder(json._getBufferRecycler(), 256);
    try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("segmentId", s.segmentId());
      g.writeNumberField("windowStart", s.windowStart());
      g.writeNumberField("windowEnd", s.windowEnd());
      writeNullable(g, "avgSpeedKmh", s.avgSpeedKmh());
      writeNullable(g, "flowVehPerHour", s.flowVehPerHour());
      writeNullable(g, "densityVehPerKmPerLane", s.densityVehPerKmPerLane());
      writeNullable(g, "occupancy", s.occupancy());
      writeNullable(g, "travelTimeS", s.travelTimeS());
      if (s.los() == null) {
        g.writeNullField("los");
      } else {
        g.writeStringField("los", s.los().name());
      }
      g.writeNumberField("detectorSamples", s.detectorSamples());
      g.writeNumberField("probeSamples", s.probeSamples());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writeNullable(JsonGenerator g, String field, Double value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, value);
    }
  }

  @Benchmark
  public byte[] encodeStats() {
    return codec.encode(nextStats());
  }

  @Benchmark
  public byte[] encodePosition() {
    return codec.encode(nextPosition());
  }
}
