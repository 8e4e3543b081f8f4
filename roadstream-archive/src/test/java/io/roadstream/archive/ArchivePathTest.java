package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchivePathTest {

  private static final long SEVEN_THIRTY = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();

  @Test
  void partitionsByKindUtcDateAndHourOfTheEventTime() {
    ArchivePath path = ArchivePath.of(ArchiveKind.READINGS, SEVEN_THIRTY, 3, 12345);

    assertThat(path.relative())
        .isEqualTo("topic=readings/date=2026-11-27/hour=07/part-00003-00000000000000012345.parquet");
    assertThat(path.hourStart()).isEqualTo(Instant.parse("2026-11-27T07:00:00Z").toEpochMilli());
  }

  @Test
  void theLastMillisecondOfAnHourIsInThatHourAndMidnightStartsTheNextDay() {
    long beforeEight = Instant.parse("2026-11-27T07:59:59.999Z").toEpochMilli();
    long midnight = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();

    assertThat(ArchivePath.of(ArchiveKind.POSITIONS, beforeEight, 0, 0).directory())
        .isEqualTo("topic=positions/date=2026-11-27/hour=07");
    assertThat(ArchivePath.of(ArchiveKind.REPORTS, midnight - 1, 0, 0).directory())
        .isEqualTo("topic=reports/date=2026-11-27/hour=23");
    assertThat(ArchivePath.of(ArchiveKind.REPORTS, midnight, 0, 0).directory())
        .isEqualTo("topic=reports/date=2026-11-28/hour=00");
  }

  @Test
  void namesSortByPartitionThenOffset() {
    List<String> names = new ArrayList<>(List.of(
        ArchivePath.of(ArchiveKind.READINGS, SEVEN_THIRTY, 10, 5).fileName(),
        ArchivePath.of(ArchiveKind.READINGS, SEVEN_THIRTY, 2, 1000).fileName(),
        ArchivePath.of(ArchiveKind.READINGS, SEVEN_THIRTY, 2, 999).fileName()));
    names.sort(null);

    assertThat(names).containsExactly("part-00002-00000000000000000999.parquet",
        "part-00002-00000000000000001000.parquet", "part-00010-00000000000000000005.parquet");
  }

  @Test
  void aPathParsesBackToWhatMadeIt() {
    ArchivePath path = ArchivePath.of(ArchiveKind.POSITIONS, SEVEN_THIRTY, 7, Long.MAX_VALUE);

    assertThat(ArchivePath.parse(path.relative())).contains(path);
  }

  @Test
  void aTopicsRejectedRecordsLieUnderRejectedAndParseBackToTheirOwnKind() {
    ArchivePath path = ArchivePath.of(ArchiveKind.READINGS.rejected(), SEVEN_THIRTY, 3, 12345);

    assertThat(path.relative())
        .isEqualTo("rejected/topic=readings/date=2026-11-27/hour=07/part-00003-00000000000000012345.parquet");
    assertThat(ArchivePath.parse(path.relative())).contains(path);
    assertThat(ArchivePath.parse(path.relative()).orElseThrow().kind()).isSameAs(ArchiveKind.REJECTED_READINGS)
        .isNotSameAs(ArchiveKind.READINGS);
    assertThat(ArchivePath.parse("rejected/topic=alerts/date=2026-11-27/hour=07/"
        + "part-00003-00000000000000012345.parquet")).isEmpty();
  }

  @Test
  void stagingFilesAndForeignFilesAreNotArchiveFiles() {
    assertThat(ArchivePath.parse("topic=readings/date=2026-11-27/hour=07/"
        + ".part-00003-00000000000000012345.parquet.inprogress")).isEmpty();
    assertThat(ArchivePath.parse("topic=readings/date=2026-11-27/hour=07/_SUCCESS")).isEmpty();
    assertThat(ArchivePath.parse("topic=alerts/date=2026-11-27/hour=07/part-00003-00000000000000012345.parquet"))
        .isEmpty();
    assertThat(ArchivePath.parse("topic=readings/date=2026-11-27/hour=24/part-00003-00000000000000012345.parquet"))
        .isEmpty();
  }
}
