package io.roadstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner gives exactly the table Jackson's tree gives, for what it reads, and leaves everything else to
 * Jackson. Jackson here is configured as {@link EventCodec} configures it.
 */
class FlatJsonScannerTest {

  private static final ObjectMapper JACKSON = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"vehicleId\":\"car-1\",\"time\":1795000000000,\"lat\":51.923456,\"lon\":4.470001,\"segmentId\":\"M1-E-03\","
          + "\"offsetM\":120.5,\"lane\":2,\"speedKmh\":93.0,\"headingDeg\":null}",
      "{\"sensorId\":\"D-1\",\"time\":\"2026-11-27T07:30:00Z\",\"intervalS\":30,\"vehicleCount\":12,"
          + "\"avgSpeedKmh\":8.75e1,\"occupancy\":0.12}",
      "{}",
      " \t\r\n{ } \n",
      " { \"a\" : true , \"b\" : false, \"c\": -0.0, \"d\": 2147483648, \"e\": -2147483649, \"f\": 1E308 } ",
      "{\"huge\":1e400,\"tiny\":1e-400,\"x\":0.1,\"y\":1.7976931348623157E308,\"z\":4.9E-324,\"w\":-0}",
      "{\"many\":0.1234567890123456789,\"long\":999999999999999999,\"neg\":-999999999999999999,\"e\":1.5e+3}",
      "{\"exact\":9007199254740993.5,\"p\":123456.78901234567,\"q\":0.0000000000000000000001}",
      "{\"del\":\"\u007f\",\"empty\":\"\",\"spaces\":\"  \",\"n\":null,\"\":1}",
  })
  void readsFlatObjectsAsJacksonsTree(String json) throws Exception {
    assertSameAsJackson(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "null", "[1,2]", "\"text\"", "42", "\uFEFF{\"a\":1}",
      "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":1", "{\"a\":}", "{a:1}", "{\"a\":NaN}", "{\"a\":1,}",
      "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":truex}", "{\"a\":nul}",
      "{\"nested\":{\"a\":1}}", "{\"list\":[1]}", "{\"a\":1,\"a\":2}",
      "{\"big\":123456789012345678901234567890}", "{\"big\":1234567890123456789}",
      "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":0x10}",
      "{\"a\":1.5.2}", "{\"a\":Infinity}",
      "{\"escaped\":\"a\\nb\"}", "{\"unicode\":\"ünd\"}", "{\"control\":\"a\u0001b\"}", "{\"na\\u006de\":1}",
      "{\"unterminated\":\"abc}",
  })
  void leavesEverythingElseToJackson(String json) {
    assertThat(FlatJsonScanner.scan(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
  }

  /** Random flat objects, written the ways producers write numbers, and random damage to them. */
  @Test
  void agreesWithJacksonOnRandomRecordsAndTheirCorruptions() throws Exception {
    Random random = new Random(20261207);
    int scanned = 0;
    for (int n = 0; n < 5_000; n++) {
      String json = randomObject(random);
      assertSameAsJackson(json);
      scanned++;
      byte[] damaged = json.getBytes(StandardCharsets.UTF_8);
      damaged[random.nextInt(damaged.length)] = (byte) " {}[],:\"\\-+.eE019atfnx\u007f".charAt(random.nextInt(23));
      FlatObject object = FlatJsonScanner.scan(damaged);
      if (object != null) {
        // what it still reads must be what Jackson reads; what Jackson refuses it must not read
        assertSameTable(object, FlatObject.of(JACKSON.readTree(damaged)), new String(damaged, StandardCharsets.UTF_8));
      }
    }
    assertThat(scanned).isEqualTo(5_000);
  }

  @Test
  void jacksonRefusesWhatTheScannerLeaves() {
    // the other direction of the corruption test: a record that is not JSON is never read by the scanner
    for (String notJson : List.of("{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":1} x")) {
      assertThat(FlatJsonScanner.scan(notJson.getBytes(StandardCharsets.UTF_8))).isNull();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JACKSON.readTree(notJson))
          .isInstanceOf(JsonProcessingException.class);
    }
  }

  private static void assertSameAsJackson(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    FlatObject scanned = FlatJsonScanner.scan(bytes);
    assertThat(scanned).as("scanned: %s", json).isNotNull();
    JsonNode tree = JACKSON.readTree(bytes);
    assertSameTable(scanned, FlatObject.of(tree), json);
  }

  private static void assertSameTable(FlatObject scanned, FlatObject tree, String json) {
    assertThat(scanned.size()).as(json).isEqualTo(tree.size());
    for (int i = 0; i < tree.size(); i++) {
      String name = tree.name(i);
      int k = scanned.indexOf(name);
      String what = json + " field " + name;
      assertThat(k).as(what).isEqualTo(i);
      assertThat(scanned.name(k)).as(what).isEqualTo(name);
      assertThat(scanned.kind(k)).as(what).isEqualTo(tree.kind(i));
      switch (tree.kind(i)) {
        case FlatObject.TEXT -> assertThat(scanned.text(k)).as(what).isEqualTo(tree.text(i));
        case FlatObject.INTEGER -> {
          assertThat(scanned.fitsLong(k)).as(what).isEqualTo(tree.fitsLong(i));
          assertThat(scanned.fitsInt(k)).as(what).isEqualTo(tree.fitsInt(i));
          assertThat(scanned.longValue(k)).as(what).isEqualTo(tree.longValue(i));
          assertThat(scanned.doubleValue(k)).as(what).isEqualTo(tree.doubleValue(i));
        }
        case FlatObject.FLOAT -> assertThat(Double.doubleToRawLongBits(scanned.doubleValue(k))).as(what)
            .isEqualTo(Double.doubleToRawLongBits(tree.doubleValue(i)));
        case FlatObject.BOOLEAN -> assertThat(scanned.booleanValue(k)).as(what).isEqualTo(tree.booleanValue(i));
        default -> { }
      }
      assertThat(scanned.node(k)).as(what).isEqualTo(tree.node(i));
      assertThat(scanned.node(k).toString()).as(what).isEqualTo(tree.node(i).toString());
    }
  }

  private static String randomObject(Random random) {
    int fields = random.nextInt(12);
    List<String> parts = new ArrayList<>();
    for (int f = 0; f < fields; f++) {
      String ws = random.nextInt(8) == 0 ? " \n" : "";
      parts.add(ws + "\"f" + f + "_" + randomText(random, 6) + "\"" + ws + ":" + ws + randomValue(random) + ws);
    }
    return (random.nextBoolean() ? " " : "") + "{" + String.join(",", parts) + "}";
  }

  private static String randomValue(Random random) {
    switch (random.nextInt(9)) {
      case 0:
        return "\"" + randomText(random, 20) + "\"";
      case 1:
        return String.valueOf(random.nextInt());
      case 2:
        return String.valueOf(random.nextLong() % 1_000_000_000_000_000_000L / (1L << random.nextInt(60))); // ≤ 18 digits
      case 3:
        return String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)); // Double.toString
      case 4: {
        // fixed decimals as sensors write them: a coordinate, a speed, an occupancy
        int decimals = random.nextInt(17);
        return String.format(Locale.ROOT, "%." + decimals + "f", (random.nextDouble() - 0.5) * 400);
      }
      case 5:
        return random.nextInt(10) + "." + Long.toString(Math.abs(random.nextLong())) + "e" + (random.nextInt(700) - 350);
      case 6:
        return random.nextBoolean() ? "true" : "false";
      case 7:
        return "null";
      default:
        return Long.toString(Math.abs(random.nextLong()) % 100_000_000_000L) + "." + random.nextInt(1000);
    }
  }

  private static String randomText(Random random, int maxLength) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      char c = (char) (0x20 + random.nextInt(0x60)); // printable ASCII and DEL
      s.append(c == '"' || c == '\\' ? 'q' : c);
    }
    return s.toString();
  }
}
