package io.roadstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader gives exactly Jackson's tree for what it reads, and leaves everything else to Jackson. */
class FlatJsonReaderTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();
  private final FlatJsonReader reader = new FlatJsonReader(new JsonFactory());

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"vehicleId\":\"car-1\",\"time\":1795000000000,\"lat\":51.923456,\"lon\":4.470001,\"segmentId\":\"M1-E-03\","
          + "\"offsetM\":120.5,\"lane\":2,\"speedKmh\":93.0,\"headingDeg\":null}",
      "{\"sensorId\":\"D-1\",\"time\":\"2026-11-27T07:30:00Z\",\"intervalS\":30,\"vehicleCount\":12,"
          + "\"avgSpeedKmh\":8.75e1,\"occupancy\":0.12}",
      "{}",
      " { \"a\" : true , \"b\" : false, \"c\": -0.0, \"d\": 2147483648, \"e\": -2147483649, \"f\": 1E308 } ",
      "{\"huge\":1e400,\"unicode\":\"ünd ☃ \\u00e9\\n\",\"x\":0.1,\"y\":1.7976931348623157E308,\"z\":4.9E-324}",
  })
  void readsFlatObjectsAsJacksonsTree(String json) throws Exception {
    JsonNode expected = JACKSON.readTree(json);
    JsonNode read = reader.read(json.getBytes(StandardCharsets.UTF_8));
    assertThat(read).isEqualTo(expected);
    assertThat(read.toString()).isEqualTo(expected.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "null", "[1,2]", "\"text\"", "42",
      "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":1", "{\"a\":}", "{a:1}", "{\"a\":NaN}",
      "{\"nested\":{\"a\":1}}", "{\"list\":[1]}", "{\"a\":1,\"a\":2}",
      "{\"big\":123456789012345678901234567890}",
  })
  void leavesEverythingElseToJackson(String json) {
    assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
