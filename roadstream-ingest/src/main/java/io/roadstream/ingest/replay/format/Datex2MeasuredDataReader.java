package io.roadstream.ingest.replay.format;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DATEX II 2.0 MeasuredDataPublication (bare or in a SOAP envelope, as NDW publishes its national
 * "trafficspeed" snapshots) with a streaming StAX parser, so a 100 MB file needs no document tree. One
 * {@link SensorReading} per {@code measuredValue} whose basicData is {@code TrafficSpeed} with a speed ≥ 0:
 * {@code sensorId} = {@code <siteId>/<index>}, {@code time} = the site's measurementTimeDefault (the start of the
 * measurement minute, per NDW), {@code intervalSeconds} = {@link Options#periodSeconds()}, {@code avgSpeedKmh} = the
 * speed, {@code vehicleCount} = numberOfInputValuesUsed (the vehicles whose speeds were averaged), no occupancy.
 *
 * <p>Counted in {@link #skipped()}, not turned into readings: speed -1 (NDW's "no data", never 0 km/h), speeds the
 * supplier flags with dataError, and TrafficFlow values (flow rates in vehicles/h per lane and vehicle class; pairing
 * them with a speed needs the site table's index-to-lane map, and the speed already carries its vehicle count).
 *
 * <p>Sites of one snapshot share a minute but not always the same one, so the reader reads the whole document on the
 * first {@link #next()} and sorts the readings by time in memory (a reading is ~100 bytes: a 100 MB snapshot gives
 * some MB). A value that cannot be read comes out as a rejected record naming the element; a document that stops
 * being well-formed XML ends the reading there with a {@link DeadLetterReason#MALFORMED} record, because an XML
 * parser cannot resynchronise after a fatal error.
 */
public final class Datex2MeasuredDataReader implements RecordReader {

  /** @param periodSeconds the measurement period of the publication's sites (NDW: 60) */
  public record Options(int periodSeconds) {
    public static final Options DEFAULT = new Options(60);

    public Options {
      if (periodSeconds < 1 || periodSeconds > 3600) {
        throw new IllegalArgumentException("periodSeconds: 1..3600, got " + periodSeconds);
      }
    }
  }

  static final String NO_DATA = "speed values without data (-1)";
  static final String DATA_ERROR = "speed values the supplier flags with dataError";
  static final String FLOW = "flow values (TrafficFlow: vehicles/h by lane and class; readings count vehicles "
      + "from the speed's numberOfInputValuesUsed)";

  private final CountingInputStream in;
  private final long totalBytes;
  private final Options options;
  private final SkipTally skipped = new SkipTally();
  private Iterator<SourceRecord> sorted;

  public static Datex2MeasuredDataReader open(Path file, Options options) throws IOException {
    return new Datex2MeasuredDataReader(Files.newInputStream(file), Files.size(file), options);
  }

  /** @param totalBytes the stream's length, or -1 if unknown */
  public Datex2MeasuredDataReader(InputStream in, long totalBytes, Options options) {
    this.in = new CountingInputStream(in);
    this.totalBytes = totalBytes;
    this.options = options;
  }

  @Override
  public SourceRecord next() throws IOException {
    if (sorted == null) {
      sorted = TimeOrder.sorted(readAll()).iterator();
    }
    return sorted.hasNext() ? sorted.next() : null;
  }

  private List<SourceRecord> readAll() {
    List<SourceRecord> out = new ArrayList<>();
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // a data file has no business loading other files
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader xml = null;
    Site site = null;
    Value value = null;
    String text = null;
    try {
      xml = factory.createXMLStreamReader(in);
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          text = null;
          switch (name) {
            case "siteMeasurements" -> site = new Site();
            case "measurementSiteReference" -> {
              if (site != null) {
                site.id = xml.getAttributeValue(null, "id");
              }
            }
            case "measuredValue" -> {
              String index = xml.getAttributeValue(null, "index");
              if (index != null && site != null) {
                value = new Value(index, where(xml.getLocation()));
              }
            }
            case "basicData" -> {
              if (value != null) {
                value.type = localType(xml.getAttributeValue(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type"));
              }
            }
            case "averageVehicleSpeed" -> {
              if (value != null) {
                value.inputValues = xml.getAttributeValue(null, "numberOfInputValuesUsed");
              }
            }
            default -> { }
          }
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          text = text == null ? xml.getText() : text + xml.getText();
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = xml.getLocalName();
          switch (name) {
            case "measurementTimeDefault" -> {
              if (site != null) {
                site.time = text == null ? "" : text.trim();
              }
            }
            case "speed" -> {
              if (value != null) {
                value.speed = text == null ? "" : text.trim();
              }
            }
            case "dataError" -> {
              if (value != null) {
                value.dataError = text != null && text.trim().equals("true");
              }
            }
            case "measuredValue" -> {
              // the outer measuredValue (with the index) closes after the inner one
              if (value != null && value.closeDepth++ == 1) {
                record(site, value, out);
                value = null;
              }
            }
            case "siteMeasurements" -> site = null;
            default -> { }
          }
          text = null;
        }
      }
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      out.add(new SourceRecord.Rejected(site == null || site.id == null ? "" : "siteMeasurements " + site.id,
          at == null ? "unknown place" : where(at), DeadLetterReason.MALFORMED,
          "not well-formed XML, reading stopped here: " + e.getMessage()));
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // closing a parser that already failed changes nothing
        }
      }
    }
    return out;
  }

  private void record(Site site, Value value, List<SourceRecord> out) {
    if (!"TrafficSpeed".equals(value.type)) {
      skipped.add("TrafficFlow".equals(value.type) ? FLOW
          : (value.type == null ? "values without basicData xsi:type" : value.type + " values (not a speed)"));
      return;
    }
    String payload = "siteMeasurements " + site.id + " measuredValue " + value.index + ": speed " + value.speed
        + ", numberOfInputValuesUsed " + value.inputValues + ", measurementTimeDefault " + site.time;
    if (site.id == null || site.id.isBlank()) {
      out.add(rejected(payload, value, "element 'measurementSiteReference': no id"));
      return;
    }
    if (value.speed == null) {
      out.add(rejected(payload, value, "element 'speed' is missing"));
      return;
    }
    double speed;
    try {
      speed = Double.parseDouble(value.speed);
    } catch (NumberFormatException e) {
      out.add(new SourceRecord.Rejected(payload, value.location, DeadLetterReason.MALFORMED,
          "element 'speed': '" + value.speed + "' is not a number"));
      return;
    }
    if (speed == -1) {
      skipped.add(NO_DATA);
      return;
    }
    if (value.dataError) {
      skipped.add(DATA_ERROR);
      return;
    }
    if (!(speed >= 0 && speed <= 300)) {
      out.add(rejected(payload, value, "element 'speed': " + value.speed + " km/h is outside 0..300"));
      return;
    }
    int count;
    try {
      count = Integer.parseInt(value.inputValues == null ? "" : value.inputValues.trim());
    } catch (NumberFormatException e) {
      out.add(rejected(payload, value, "attribute 'numberOfInputValuesUsed': '" + value.inputValues
          + "' is not a vehicle count"));
      return;
    }
    if (count < 0) {
      out.add(rejected(payload, value, "attribute 'numberOfInputValuesUsed': " + count + " is negative"));
      return;
    }
    long time;
    try {
      time = Instant.parse(site.time == null ? "" : site.time).toEpochMilli();
    } catch (DateTimeParseException e) {
      out.add(rejected(payload, value, "element 'measurementTimeDefault': '" + site.time
          + "' is not an ISO-8601 instant"));
      return;
    }
    out.add(SourceRecord.of(new SensorReading(site.id + "/" + value.index, time, options.periodSeconds(), count,
        speed, null)));
  }

  private static SourceRecord rejected(String payload, Value value, String reason) {
    return new SourceRecord.Rejected(payload, value.location, DeadLetterReason.INVALID, reason);
  }

  private static String localType(String type) {
    return type == null ? null : type.substring(type.indexOf(':') + 1);
  }

  private static String where(Location at) {
    return "line " + at.getLineNumber() + ", column " + at.getColumnNumber();
  }

  /** What has been read of the current siteMeasurements. */
  private static final class Site {
    String id;
    String time;
  }

  /** What has been read of the current measuredValue. */
  private static final class Value {
    final String index;
    final String location;
    String type;
    String speed;
    String inputValues;
    boolean dataError;
    int closeDepth;

    Value(String index, String location) {
      this.index = index;
      this.location = location;
    }
  }

  @Override
  public long bytesRead() {
    return in.count();
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public Map<String, Long> skipped() {
    return skipped.snapshot();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
