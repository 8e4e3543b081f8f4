package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class Datex2MeasuredDataReaderTest {

  private static final String FILE = "datex2/trafficspeed-sample.xml";
  private static final String SPEED = "//*[local-name()='basicData'][@*[local-name()='type']='TrafficSpeed']"
      + "/*[local-name()='averageVehicleSpeed']/*[local-name()='speed']";
  private static final String FLOW = "//*[local-name()='basicData'][@*[local-name()='type']='TrafficFlow']";

  private static Document document;

  @BeforeAll
  static void parseIndependently() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    document = factory.newDocumentBuilder().parse(SharedData.file(FILE).toFile());
  }

  private static double count(String xpath) throws Exception {
    return (Double) XPathFactory.newInstance().newXPath().evaluate("count(" + xpath + ")", document,
        XPathConstants.NUMBER);
  }

  private static List<SourceRecord> read(String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    return SharedData.readAll(new Datex2MeasuredDataReader(new ByteArrayInputStream(bytes), bytes.length,
        Datex2MeasuredDataReader.Options.DEFAULT));
  }

  @Test
  void oneReadingPerSpeedWithDataAndTheNoDataValuesCounted() throws Exception {
    double withData = count(SPEED + "[normalize-space(.) != '-1']");
    double noData = count(SPEED + "[normalize-space(.) = '-1']");
    double flows = count(FLOW);

    Datex2MeasuredDataReader reader = Datex2MeasuredDataReader.open(SharedData.file(FILE),
        Datex2MeasuredDataReader.Options.DEFAULT);
    List<SourceRecord> records = SharedData.readAll(reader);
    List<SensorReading> readings = SharedData.only(records, SourceRecord.Reading.class).stream()
        .map(SourceRecord.Reading::reading).toList();

    assertThat(withData).isPositive();
    assertThat(noData).isPositive();
    assertThat(records).hasSameSizeAs(readings);
    assertThat(readings).hasSize((int) withData);
    assertThat(readings).allSatisfy(r -> {
      assertThat(r.avgSpeedKmh()).isNotNull().isGreaterThanOrEqualTo(0.0);
      assertThat(r.sensorId()).matches(".+/\\d+");
      assertThat(r.intervalSeconds()).isEqualTo(60);
      assertThat(r.occupancy()).isNull();
    });
    assertThat(reader.skipped()).containsEntry(Datex2MeasuredDataReader.NO_DATA, (long) noData)
        .containsEntry(Datex2MeasuredDataReader.FLOW, (long) flows);
    assertThat(reader.bytesRead()).isEqualTo(Files.size(SharedData.file(FILE)));
  }

  @Test
  void aReadingCarriesItsSiteIndexTimeSpeedAndVehicleCount() throws Exception {
    // the first TrafficSpeed with data in the file, located independently
    String speedPath = "(" + SPEED + "[normalize-space(.) != '-1'])[1]";
    var xpath = XPathFactory.newInstance().newXPath();
    String speed = xpath.evaluate(speedPath, document);
    String vehicles = xpath.evaluate(speedPath + "/../@numberOfInputValuesUsed", document);
    String index = xpath.evaluate(speedPath + "/ancestor::*[local-name()='measuredValue'][@index][1]/@index",
        document);
    String site = xpath.evaluate(speedPath + "/ancestor::*[local-name()='siteMeasurements']"
        + "/*[local-name()='measurementSiteReference']/@id", document);
    String time = xpath.evaluate(speedPath + "/ancestor::*[local-name()='siteMeasurements']"
        + "/*[local-name()='measurementTimeDefault']", document);

    List<SourceRecord> records = SharedData.readAll(Datex2MeasuredDataReader.open(SharedData.file(FILE),
        Datex2MeasuredDataReader.Options.DEFAULT));

    assertThat(records).contains(SourceRecord.of(new SensorReading(site + "/" + index,
        Instant.parse(time).toEpochMilli(), 60, Integer.parseInt(vehicles), Double.parseDouble(speed), null)));
  }

  @Test
  void aBadValueIsRejectedAndTheRestIsRead() throws IOException {
    String xml = """
        <d2LogicalModel xmlns="http://datex2.eu/schema/2/2_0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <payloadPublication xsi:type="MeasuredDataPublication">
        <siteMeasurements><measurementSiteReference id="S1"/><measurementTimeDefault>2025-08-15T21:48:00Z</measurementTimeDefault>
        <measuredValue index="1"><measuredValue><basicData xsi:type="TrafficSpeed"><averageVehicleSpeed numberOfInputValuesUsed="3"><speed>fast</speed></averageVehicleSpeed></basicData></measuredValue></measuredValue>
        <measuredValue index="2"><measuredValue><basicData xsi:type="TrafficSpeed"><averageVehicleSpeed><speed>80</speed></averageVehicleSpeed></basicData></measuredValue></measuredValue>
        <measuredValue index="3"><measuredValue><basicData xsi:type="TrafficSpeed"><averageVehicleSpeed numberOfInputValuesUsed="4"><speed>88</speed></averageVehicleSpeed></basicData></measuredValue></measuredValue>
        </siteMeasurements></payloadPublication></d2LogicalModel>
        """;

    List<SourceRecord> records = read(xml);

    List<SourceRecord.Rejected> rejected = SharedData.only(records, SourceRecord.Rejected.class);
    assertThat(rejected).extracting(SourceRecord.Rejected::code)
        .containsExactly(DeadLetterReason.MALFORMED, DeadLetterReason.INVALID);
    assertThat(rejected.get(0).reason()).contains("'speed'");
    assertThat(rejected.get(0).location()).startsWith("line 4");
    assertThat(rejected.get(1).reason()).contains("numberOfInputValuesUsed");
    assertThat(SharedData.only(records, SourceRecord.Reading.class)).extracting(r -> r.reading().sensorId())
        .containsExactly("S1/3");
  }

  @Test
  void aTruncatedDocumentGivesWhatWasReadAndOneMalformedRecord() throws IOException {
    String whole = Files.readString(SharedData.file(FILE));
    int firstSiteEnd = whole.indexOf("</siteMeasurements>") + "</siteMeasurements>".length();
    String truncated = whole.substring(0, firstSiteEnd + 200);

    List<SourceRecord> records = read(truncated);

    assertThat(SharedData.only(records, SourceRecord.Reading.class)).isNotEmpty();
    assertThat(SharedData.only(records, SourceRecord.Rejected.class)).singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED));
  }
}
