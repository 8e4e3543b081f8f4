package io.roadstream.ingest.replay;

import io.roadstream.core.config.RoadstreamConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * How to read the files of a replay; each format uses the options that concern it.
 *
 * @param zone           PeMS: the time zone of the file's local timestamps (PeMS is California: America/Los_Angeles)
 * @param laneTypes      PeMS: station types to replay (ML mainline, OR on-ramp, FR off-ramp, …); others are counted
 *                       as skipped
 * @param metric         NGSIM: the file is in metres and m/s (the metric variant) rather than feet and ft/s
 * @param reportEvery    NGSIM: one position per vehicle this often (the data has one every 0.1 s)
 * @param kind           JSON Lines: readings, positions or reports; null = tell each line by its fields
 * @param period         DATEX II: the measurement period when the file does not say
 * @param archive        archive: how to reach an {@code s3://} location (endpoint, region, path style, credentials)
 * @param window         archive: only the hours that overlap it are read (the replay's --from/--to)
 */
public record ReplayOptions(ZoneId zone, Set<String> laneTypes, boolean metric, Duration reportEvery, String kind,
    Duration period, RoadstreamConfig.Archive archive, TimeFilter window) {

  public static final ReplayOptions DEFAULTS = new ReplayOptions(ZoneId.of("America/Los_Angeles"), Set.of("ML"),
      false, Duration.ofSeconds(1), null, Duration.ofSeconds(60), RoadstreamConfig.defaults().archive(),
      TimeFilter.ALL);
}
