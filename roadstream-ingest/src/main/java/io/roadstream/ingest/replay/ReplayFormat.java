package io.roadstream.ingest.replay;

import io.roadstream.archive.store.ArchiveStores;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.ingest.replay.format.ArchiveRecordReader;
import io.roadstream.ingest.replay.format.Datex2MeasuredDataReader;
import io.roadstream.ingest.replay.format.JsonLinesReader;
import io.roadstream.ingest.replay.format.NgsimReader;
import io.roadstream.ingest.replay.format.NgsimUnits;
import io.roadstream.ingest.replay.format.PemsStationReader;
import io.roadstream.ingest.replay.format.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The file formats {@code roadstream replay} reads, by the name a user types. */
public enum ReplayFormat {

  /** Caltrans PeMS Station 5-Minute CSV. */
  PEMS("pems") {
    @Override
    public RecordReader open(Path file, ReplayOptions o) throws IOException {
      return PemsStationReader.open(file, new PemsStationReader.Options(o.zone(), o.laneTypes()));
    }
  },
  /** NGSIM vehicle trajectories (the Peachtree corridor, network {@code ngsim-peachtree}). */
  NGSIM("ngsim") {
    @Override
    public RecordReader open(Path file, ReplayOptions o) throws IOException {
      NgsimReader.Options options = NgsimReader.Options.peachtree(new RoadNetworkLoader().load(NGSIM_NETWORK))
          .withUnits(o.metric() ? NgsimUnits.METRIC : NgsimUnits.FEET)
          .withReportInterval(o.reportEvery());
      return NgsimReader.open(file, options);
    }
  },
  /** DATEX II MeasuredDataPublication XML. */
  DATEX2("datex2") {
    @Override
    public RecordReader open(Path file, ReplayOptions o) throws IOException {
      return Datex2MeasuredDataReader.open(file,
          new Datex2MeasuredDataReader.Options((int) o.period().toSeconds()));
    }
  },
  /** roadstream's own events, one JSON document per line. */
  JSONL("jsonl") {
    @Override
    public RecordReader open(Path file, ReplayOptions o) throws IOException {
      JsonLinesReader.Kind kind = o.kind() == null ? JsonLinesReader.Kind.SNIFF : switch (o.kind()) {
        case "readings" -> JsonLinesReader.Kind.READINGS;
        case "positions" -> JsonLinesReader.Kind.POSITIONS;
        case "reports" -> JsonLinesReader.Kind.REPORTS;
        default -> throw new IllegalArgumentException("kind '" + o.kind() + "': give readings, positions or reports");
      };
      return JsonLinesReader.open(file, kind, new EventCodec());
    }
  },
  /**
   * roadstream's own Parquet archive ({@code roadstream archive}, docs/archive.md): a directory, or
   * {@code s3://bucket/prefix} reached with the settings of {@code archive.s3}.
   */
  ARCHIVE("archive") {
    @Override
    public RecordReader open(Path directory, ReplayOptions o) throws IOException {
      return open(directory.toString(), o);
    }

    @Override
    public RecordReader open(String location, ReplayOptions o) throws IOException {
      return ArchiveRecordReader.open(ArchiveStores.at(location, o.archive()), o.window().from(), o.window().to());
    }
  };

  /** The bundled network that NGSIM Peachtree positions are placed on. */
  public static final String NGSIM_NETWORK = "ngsim-peachtree";

  private final String label;

  ReplayFormat(String label) {
    this.label = label;
  }

  public abstract RecordReader open(Path file, ReplayOptions options) throws IOException;

  /** {@link #open(Path, ReplayOptions)} of a location as the user typed it (for the archive, possibly s3://…). */
  public RecordReader open(String location, ReplayOptions options) throws IOException {
    return open(Path.of(location), options);
  }

  public String label() {
    return label;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(ReplayFormat::label).toList();
  }

  public static ReplayFormat named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.label.equals(n)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no replay format '" + name + "'; formats are "
            + String.join(", ", names()) + " and linear-road"));
  }
}
