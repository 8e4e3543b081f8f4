package io.roadstream.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On metroville's eastbound motorway: M1-E-03 flows into M1-E-04, which flows into M1-E-05, and so on. */
class JamAssemblerTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final long T0 = 1_795_764_600_000L;
  private final JamAssembler assembler = new JamAssembler(NETWORK);
  private JamBoard board;
  private int minute;

  @BeforeEach
  void emptyBoard() {
    board = JamBoard.EMPTY;
  }

  private List<CongestionEvent> change(String segment, boolean congested, double speed) {
    long start = T0 + 60_000L * minute++;
    SegmentStats window = new SegmentStats(segment, start, start + 60_000, speed, 1500.0, 40.0, 0.3, 90.0,
        congested ? LevelOfService.F : LevelOfService.B, 2, 5);
    JamAssembler.Result result = assembler.apply(board, congested, window);
    board = result.board();
    return result.events();
  }

  @Test
  void opensGrowsUpstreamAndClears() {
    List<CongestionEvent> opened = change("M1-E-05", true, 12);
    assertThat(opened).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(CongestionEventType.OPENED);
      assertThat(e.segmentIds()).containsExactly("M1-E-05");
      assertThat(e.evidence()).extracting(SegmentStats::segmentId).containsExactly("M1-E-05");
    });
    String id = opened.get(0).jamId();

    List<CongestionEvent> grown = change("M1-E-04", true, 20);
    assertThat(grown).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(CongestionEventType.UPDATED);
      assertThat(e.jamId()).isEqualTo(id);
      assertThat(e.headSegmentId()).isEqualTo("M1-E-05");
      assertThat(e.tailSegmentId()).isEqualTo("M1-E-04");
      assertThat(e.lengthKm()).isCloseTo(NETWORK.requireSegment("M1-E-04").lengthKm()
          + NETWORK.requireSegment("M1-E-05").lengthKm(), within(1e-9));
      assertThat(e.minSpeedKmh()).isEqualTo(12);
    });

    assertThat(change("M1-E-05", false, 80)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(CongestionEventType.UPDATED);
      assertThat(e.segmentIds()).containsExactly("M1-E-04");
    });
    assertThat(change("M1-E-04", false, 90)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(CongestionEventType.CLEARED);
      assertThat(e.jamId()).isEqualTo(id);
      assertThat(e.evidence()).extracting(SegmentStats::segmentId).containsExactly("M1-E-04");
    });
    assertThat(board).isEqualTo(JamBoard.EMPTY);
  }

  @Test
  void segmentsThatDoNotTouchAreSeparateJams() {
    change("M1-E-02", true, 10);
    change("M1-E-06", true, 10);

    assertThat(board.jams()).hasSize(2);
  }

  @Test
  void twoJamsThatGrowTogetherMergeUnderTheOlderId() {
    String older = change("M1-E-06", true, 10).get(0).jamId();
    String younger = change("M1-E-04", true, 10).get(0).jamId();

    List<CongestionEvent> merged = change("M1-E-05", true, 10);

    assertThat(merged).extracting(CongestionEvent::type, CongestionEvent::jamId).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(CongestionEventType.UPDATED, older),
        org.assertj.core.groups.Tuple.tuple(CongestionEventType.CLEARED, younger));
    assertThat(board.jams()).singleElement()
        .satisfies(j -> assertThat(j.segmentIds()).containsExactly("M1-E-06", "M1-E-05", "M1-E-04"));
  }

  @Test
  void theOppositeCarriagewayIsAnotherJam() {
    change("M1-E-05", true, 10);
    change("M1-W-05", true, 10);

    assertThat(board.jams()).hasSize(2);
  }

  @Test
  void aSegmentClearingThatWasNotCongestedChangesNothing() {
    assertThat(change("M1-E-05", false, 90)).isEmpty();
    assertThat(board).isEqualTo(JamBoard.EMPTY);
  }
}
