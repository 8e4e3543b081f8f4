package io.roadstream.bench;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.pipeline.TrafficEvent;
import io.roadstream.pipeline.serde.TrafficEventSerializer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
 * One {@link TrafficEvent} across a shuffle: serialized into Flink's network buffer form and read back, as every
 * position is two or three times in the job. The job's {@link TrafficEventSerializer} beside the reference, Flink's
 * POJO serializer for the same record (what Flink picks for it without the type's {@code @TypeInfo}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerializerBenchmark {

  private TrafficEvent[] events;
  private TypeSerializer<TrafficEvent> pojo;
  private final DataOutputSerializer out = new DataOutputSerializer(1024);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private int next;

  @Setup
  public void setUp() {
    SimulatedTraffic traffic = SimulatedTraffic.generate(Duration.ofMinutes(1));
    events = traffic.positions.stream().map(p -> TrafficEvent.of(p, "roadstream.positions", 1, 123_456L))
        .toArray(TrafficEvent[]::new);
    Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
    fields.put("segmentId", Types.STRING);
    fields.put("reading", TypeInformation.of(SensorReading.class));
    fields.put("position", TypeInformation.of(ProbePosition.class));
    fields.put("report", TypeInformation.of(IncidentReport.class));
    fields.put("deadLetter", TypeInformation.of(DeadLetter.class));
    fields.put("sourceTopic", Types.STRING);
    fields.put("partition", Types.INT);
    fields.put("offset", Types.LONG);
    pojo = Types.POJO(TrafficEvent.class, fields).createSerializer(new SerializerConfigImpl());
    System.out.printf("%nreference serializer: %s%n", pojo.getClass().getSimpleName());
  }

  private TrafficEvent roundTrip(TypeSerializer<TrafficEvent> serializer) throws IOException {
    TrafficEvent e = events[next++];
    if (next == events.length) {
      next = 0;
    }
    out.clear();
    serializer.serialize(e, out);
    in.setBuffer(out.getSharedBuffer(), 0, out.length());
    return serializer.deserialize(in);
  }

  @Benchmark
  public TrafficEvent referencePojoSerializerRoundTrip() throws IOException {
    return roundTrip(pojo);
  }

  @Benchmark
  public TrafficEvent binarySerializerRoundTrip() throws IOException {
    return roundTrip(TrafficEventSerializer.INSTANCE);
  }
}
