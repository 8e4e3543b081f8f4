package io.roadstream.pipeline.serde;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The binary layout of core's raw event records inside the job: fields in declaration order, a leading bit set for
 * the nullable ones, strings as {@link Utf8Strings}. Only for records in flight between tasks (no state holds them),
 * so the layout may change from one version to the next.
 */
final class EventBinary {

  private EventBinary() {}

  // ---------------------------------------------------------------- readings

  static void write(SensorReading r, DataOutputView out) throws IOException {
    int nulls = (r.vehicleCount() == null ? 1 : 0) | (r.avgSpeedKmh() == null ? 2 : 0)
        | (r.occupancy() == null ? 4 : 0);
    out.writeByte(nulls);
    Utf8Strings.write(r.sensorId(), out);
    out.writeLong(r.time());
    out.writeInt(r.intervalSeconds());
    if (r.vehicleCount() != null) {
      out.writeInt(r.vehicleCount());
    }
    writeIfPresent(r.avgSpeedKmh(), out);
    writeIfPresent(r.occupancy(), out);
  }

  static SensorReading readReading(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String sensorId = Utf8Strings.read(in);
    long time = in.readLong();
    int interval = in.readInt();
    Integer count = (nulls & 1) != 0 ? null : in.readInt();
    Double speed = (nulls & 2) != 0 ? null : in.readDouble();
    Double occupancy = (nulls & 4) != 0 ? null : in.readDouble();
    return new SensorReading(sensorId, time, interval, count, speed, occupancy);
  }

  // ---------------------------------------------------------------- positions

  static void write(ProbePosition p, DataOutputView out) throws IOException {
    int nulls = (p.lat() == null ? 1 : 0) | (p.lon() == null ? 2 : 0) | (p.offsetM() == null ? 4 : 0)
        | (p.lane() == null ? 8 : 0) | (p.headingDeg() == null ? 16 : 0);
    out.writeByte(nulls);
    Utf8Strings.write(p.vehicleId(), out);
    out.writeLong(p.time());
    writeIfPresent(p.lat(), out);
    writeIfPresent(p.lon(), out);
    Utf8Strings.write(p.segmentId(), out);
    writeIfPresent(p.offsetM(), out);
    if (p.lane() != null) {
      out.writeInt(p.lane());
    }
    out.writeDouble(p.speedKmh());
    writeIfPresent(p.headingDeg(), out);
  }

  static ProbePosition readPosition(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String vehicleId = Utf8Strings.read(in);
    long time = in.readLong();
    Double lat = (nulls & 1) != 0 ? null : in.readDouble();
    Double lon = (nulls & 2) != 0 ? null : in.readDouble();
    String segmentId = Utf8Strings.read(in);
    Double offset = (nulls & 4) != 0 ? null : in.readDouble();
    Integer lane = (nulls & 8) != 0 ? null : in.readInt();
    double speed = in.readDouble();
    Double heading = (nulls & 16) != 0 ? null : in.readDouble();
    return new ProbePosition(vehicleId, time, lat, lon, segmentId, offset, lane, speed, heading);
  }

  // ---------------------------------------------------------------- incident reports

  static void write(IncidentReport r, DataOutputView out) throws IOException {
    int nulls = (r.offsetM() == null ? 1 : 0) | (r.lat() == null ? 2 : 0) | (r.lon() == null ? 4 : 0)
        | (r.headingDeg() == null ? 8 : 0) | (r.lanesBlocked() == null ? 16 : 0);
    out.writeByte(nulls);
    Utf8Strings.write(r.reportId(), out);
    Utf8Strings.write(r.source(), out);
    out.writeLong(r.time());
    Utf8Strings.write(r.kind(), out);
    Utf8Strings.write(r.status(), out);
    out.writeBoolean(r.verified());
    Utf8Strings.write(r.segmentId(), out);
    writeIfPresent(r.offsetM(), out);
    writeIfPresent(r.lat(), out);
    writeIfPresent(r.lon(), out);
    writeIfPresent(r.headingDeg(), out);
    if (r.lanesBlocked() != null) {
      out.writeInt(r.lanesBlocked());
    }
    Utf8Strings.write(r.description(), out);
  }

  static IncidentReport readReport(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String reportId = Utf8Strings.read(in);
    String source = Utf8Strings.read(in);
    long time = in.readLong();
    String kind = Utf8Strings.read(in);
    String status = Utf8Strings.read(in);
    boolean verified = in.readBoolean();
    String segmentId = Utf8Strings.read(in);
    Double offset = (nulls & 1) != 0 ? null : in.readDouble();
    Double lat = (nulls & 2) != 0 ? null : in.readDouble();
    Double lon = (nulls & 4) != 0 ? null : in.readDouble();
    Double heading = (nulls & 8) != 0 ? null : in.readDouble();
    Integer lanes = (nulls & 16) != 0 ? null : in.readInt();
    String description = Utf8Strings.read(in);
    return new IncidentReport(reportId, source, time, kind, status, verified, segmentId, offset, lat, lon, heading,
        lanes, description);
  }

  // ---------------------------------------------------------------- dead letters

  static void write(DeadLetter d, DataOutputView out) throws IOException {
    out.writeByte(d.payload() == null ? 1 : 0);
    Utf8Strings.write(d.sourceTopic(), out);
    out.writeInt(d.partition());
    out.writeLong(d.offset());
    Utf8Strings.write(d.key(), out);
    if (d.payload() != null) {
      out.writeInt(d.payload().length);
      out.write(d.payload());
    }
    // by name: a reason added to the enum, or the enum reordered, must not change what a stored one means
    Utf8Strings.write(d.reasonCode() == null ? null : d.reasonCode().name(), out);
    Utf8Strings.write(d.reason(), out);
    out.writeLong(d.time());
  }

  static DeadLetter readDeadLetter(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String topic = Utf8Strings.read(in);
    int partition = in.readInt();
    long offset = in.readLong();
    String key = Utf8Strings.read(in);
    byte[] payload = null;
    if ((nulls & 1) == 0) {
      payload = new byte[in.readInt()];
      in.readFully(payload);
    }
    String code = Utf8Strings.read(in);
    String reason = Utf8Strings.read(in);
    long time = in.readLong();
    return new DeadLetter(topic, partition, offset, key, payload, code == null ? null : DeadLetterReason.valueOf(code),
        reason, time);
  }

  private static void writeIfPresent(Double value, DataOutputView out) throws IOException {
    if (value != null) {
      out.writeDouble(value);
    }
  }
}
