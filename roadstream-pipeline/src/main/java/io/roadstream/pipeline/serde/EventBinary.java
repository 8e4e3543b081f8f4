package io.roadstream.pipeline.serde;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The binary layout of core's raw event records inside the job: fields in declaration order, a leading bit set for
 * the nullable ones, strings as Flink's {@link StringValue} (null-safe, no length limit). Version 1 of the layout;
 * a change to it is a new version of the serializer snapshots that use it.
 */
final class EventBinary {

  private EventBinary() {}

  // ---------------------------------------------------------------- readings

  static void write(SensorReading r, DataOutputView out) throws IOException {
    int nulls = (r.vehicleCount() == null ? 1 : 0) | (r.avgSpeedKmh() == null ? 2 : 0)
        | (r.occupancy() == null ? 4 : 0);
    out.writeByte(nulls);
    StringValue.writeString(r.sensorId(), out);
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
    String sensorId = StringValue.readString(in);
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
    StringValue.writeString(p.vehicleId(), out);
    out.writeLong(p.time());
    writeIfPresent(p.lat(), out);
    writeIfPresent(p.lon(), out);
    StringValue.writeString(p.segmentId(), out);
    writeIfPresent(p.offsetM(), out);
    if (p.lane() != null) {
      out.writeInt(p.lane());
    }
    out.writeDouble(p.speedKmh());
    writeIfPresent(p.headingDeg(), out);
  }

  static ProbePosition readPosition(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String vehicleId = StringValue.readString(in);
    long time = in.readLong();
    Double lat = (nulls & 1) != 0 ? null : in.readDouble();
    Double lon = (nulls & 2) != 0 ? null : in.readDouble();
    String segmentId = StringValue.readString(in);
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
    StringValue.writeString(r.reportId(), out);
    StringValue.writeString(r.source(), out);
    out.writeLong(r.time());
    StringValue.writeString(r.kind(), out);
    StringValue.writeString(r.status(), out);
    out.writeBoolean(r.verified());
    StringValue.writeString(r.segmentId(), out);
    writeIfPresent(r.offsetM(), out);
    writeIfPresent(r.lat(), out);
    writeIfPresent(r.lon(), out);
    writeIfPresent(r.headingDeg(), out);
    if (r.lanesBlocked() != null) {
      out.writeInt(r.lanesBlocked());
    }
    StringValue.writeString(r.description(), out);
  }

  static IncidentReport readReport(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String reportId = StringValue.readString(in);
    String source = StringValue.readString(in);
    long time = in.readLong();
    String kind = StringValue.readString(in);
    String status = StringValue.readString(in);
    boolean verified = in.readBoolean();
    String segmentId = StringValue.readString(in);
    Double offset = (nulls & 1) != 0 ? null : in.readDouble();
    Double lat = (nulls & 2) != 0 ? null : in.readDouble();
    Double lon = (nulls & 4) != 0 ? null : in.readDouble();
    Double heading = (nulls & 8) != 0 ? null : in.readDouble();
    Integer lanes = (nulls & 16) != 0 ? null : in.readInt();
    String description = StringValue.readString(in);
    return new IncidentReport(reportId, source, time, kind, status, verified, segmentId, offset, lat, lon, heading,
        lanes, description);
  }

  // ---------------------------------------------------------------- dead letters

  static void write(DeadLetter d, DataOutputView out) throws IOException {
    out.writeByte(d.payload() == null ? 1 : 0);
    StringValue.writeString(d.sourceTopic(), out);
    out.writeInt(d.partition());
    out.writeLong(d.offset());
    StringValue.writeString(d.key(), out);
    if (d.payload() != null) {
      out.writeInt(d.payload().length);
      out.write(d.payload());
    }
    // by name: a reason added to the enum, or the enum reordered, must not change what a stored one means
    StringValue.writeString(d.reasonCode() == null ? null : d.reasonCode().name(), out);
    StringValue.writeString(d.reason(), out);
    out.writeLong(d.time());
  }

  static DeadLetter readDeadLetter(DataInputView in) throws IOException {
    int nulls = in.readByte();
    String topic = StringValue.readString(in);
    int partition = in.readInt();
    long offset = in.readLong();
    String key = StringValue.readString(in);
    byte[] payload = null;
    if ((nulls & 1) == 0) {
      payload = new byte[in.readInt()];
      in.readFully(payload);
    }
    String code = StringValue.readString(in);
    String reason = StringValue.readString(in);
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
