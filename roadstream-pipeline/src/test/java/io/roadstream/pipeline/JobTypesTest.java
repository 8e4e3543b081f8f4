package io.roadstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.pipeline.serde.TrafficEventSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The whole job's graph, as {@code flink run} builds it: no record on any edge is serialized by Kryo, and the event
 * type every record starts as, which crosses the most shuffles, has its binary serializer.
 */
class JobTypesTest {

  @Test
  void noTypeInTheJobFallsBackToKryoAndEventsUseTheirBinarySerializer() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    RoadstreamConfig config = new ConfigLoader().load(null, Map.of(), Map.of("kafka.bootstrap", "127.0.0.1:9"));
    // configure() forbids generic types: building the graph would already fail for a type that needs Kryo
    RoadstreamJob.build(env, config, TrafficEvents.NETWORK, true);
    StreamGraph graph = env.getStreamGraph();

    List<String> kryo = new ArrayList<>();
    int eventEdges = 0;
    for (StreamNode node : graph.getStreamNodes()) {
      List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
      serializers.add(node.getTypeSerializerOut());
      for (TypeSerializer<?> s : serializers) {
        if (s instanceof KryoSerializer<?>) {
          kryo.add(node.getOperatorName() + ": " + s);
        }
        if (s instanceof TrafficEventSerializer) {
          eventEdges++;
        }
      }
    }
    assertThat(kryo).as("operators with a Kryo-serialized input or output").isEmpty();
    assertThat(eventEdges).as("inputs and outputs carrying TrafficEvents").isGreaterThan(5);
  }
}
