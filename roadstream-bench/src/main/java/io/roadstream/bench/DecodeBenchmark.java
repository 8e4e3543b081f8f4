package io.roadstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.TrafficEventDecoder;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import java.time.Duration;
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
 * JSON → event, as the job's Kafka source does for every record: {@code EventCodec} parses and validates,
 * {@code TrafficEventDecoder} also places the event on the network. Reference: Jackson's plain tree parse of the same
 * bytes (what any JSON decoding here costs at least, no validation, no objects of ours).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

  private byte[][] positions;
  private byte[][] readings;
  private EventCodec codec;
  private TrafficEventDecoder decoder;
  private ObjectMapper mapper;
  private int next;

  @Setup
  public void setUp() {
    SimulatedTraffic traffic = SimulatedTraffic.generate(Duration.ofMinutes(2));
    positions = traffic.positionBytes.toArray(byte[][]::new);
    readings = traffic.readingBytes.toArray(byte[][]::new);
    codec = new EventCodec();
    decoder = new TrafficEventDecoder(traffic.network, codec);
    mapper = new ObjectMapper();
  }

  private int nextIndex(int length) {
    int i = next++;
    if (next >= length) {
      next = 0;
    }
    return i % length;
  }

  @Benchmark
  public JsonNode referenceJacksonTreeParsePosition() throws IOException {
    return mapper.readTree(positions[nextIndex(positions.length)]);
  }

  @Benchmark
  public ProbePosition decodePosition() throws DecodeException {
    return codec.decodePosition(positions[nextIndex(positions.length)]);
  }

  @Benchmark
  public ProbePosition decodeAndPlacePosition() throws DecodeException {
    return decoder.decodePosition(positions[nextIndex(positions.length)]);
  }

  @Benchmark
  public JsonNode referenceJacksonTreeParseReading() throws IOException {
    return mapper.readTree(readings[nextIndex(readings.length)]);
  }

  @Benchmark
  public SensorReading decodeReading() throws DecodeException {
    return codec.decodeReading(readings[nextIndex(readings.length)]);
  }

  @Benchmark
  public TrafficEventDecoder.LocatedReading decodeAndPlaceReading() throws DecodeException {
    return decoder.decodeReading(readings[nextIndex(readings.length)]);
  }
}
