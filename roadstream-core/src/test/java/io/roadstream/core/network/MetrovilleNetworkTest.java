package io.roadstream.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled sample network is what the demo, the docs and many tests stand on; these are its promises. */
class MetrovilleNetworkTest {

  private static final LonLat CENTRE = new LonLat(4.47, 51.92);

  private final RoadNetwork network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);

  @Test
  void hasEnoughSegmentsOfEveryClass() {
    assertThat(network.segments()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(network.segments()).extracting(Segment::roadClass)
        .contains(RoadClass.MOTORWAY, RoadClass.EXPRESSWAY, RoadClass.ARTERIAL);
  }

  @Test
  void motorwayRunsOverTenKilometresEachWayInKilometreSegments() {
    for (String direction : List.of("M1-E-", "M1-W-")) {
      List<Segment> motorway = network.segments().stream().filter(s -> s.id().startsWith(direction)).toList();
      assertThat(motorway).as(direction).allSatisfy(s -> {
        assertThat(s.roadClass()).isEqualTo(RoadClass.MOTORWAY);
        assertThat(s.lanes()).isEqualTo(3);
        assertThat(s.lengthM()).as(s.id()).isBetween(800.0, 1200.0);
      });
      assertThat(motorway.stream().mapToDouble(Segment::lengthM).sum()).as(direction).isGreaterThan(10_000);
      for (int i = 1; i < motorway.size(); i++) {
        assertThat(motorway.get(i - 1).downstream()).as("%s continues", motorway.get(i - 1).id())
            .contains(motorway.get(i).id());
      }
    }
  }

  @Test
  void motorwayAndRingAreLinkedBothWays() {
    assertThat(network.segments()).anySatisfy(s -> {
      assertThat(s.roadClass()).isEqualTo(RoadClass.MOTORWAY);
      assertThat(network.downstreamOf(s.id())).extracting(Segment::roadClass).contains(RoadClass.EXPRESSWAY);
    });
    assertThat(network.segments()).anySatisfy(s -> {
      assertThat(s.roadClass()).isEqualTo(RoadClass.EXPRESSWAY);
      assertThat(network.downstreamOf(s.id())).extracting(Segment::roadClass).contains(RoadClass.MOTORWAY);
    });
    assertThat(network.segments()).anySatisfy(s -> {
      assertThat(s.roadClass()).isEqualTo(RoadClass.EXPRESSWAY);
      assertThat(network.downstreamOf(s.id())).extracting(Segment::roadClass).contains(RoadClass.ARTERIAL);
    });
  }

  @Test
  void hasSignalisedIntersectionsWithExistingApproaches() {
    assertThat(network.intersections()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(network.intersections()).allSatisfy(ix -> {
      assertThat(ix.approaches()).as(ix.id()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(ix.approaches()).allSatisfy(a -> assertThat(network.segment(a)).as(a).isPresent());
      assertThat(ix.lostTimeS()).isPositive();
    });
  }

  @Test
  void everySegmentIsReachableFromABoundaryEntryAndCanBeLeft() {
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    network.segments().stream().filter(s -> s.upstream().isEmpty()).forEach(s -> todo.add(s.id()));
    assertThat(todo).as("boundary entries").isNotEmpty();
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (reached.add(id)) {
        todo.addAll(network.requireSegment(id).downstream());
      }
    }
    assertThat(network.segments()).allSatisfy(s -> assertThat(reached).as("reachable").contains(s.id()));
    assertThat(network.segments()).anySatisfy(s -> assertThat(s.downstream()).as("an exit").isEmpty());
  }

  @Test
  void noSegmentTurnsBackOntoItsOppositeDirection() {
    assertThat(network.segments()).allSatisfy(s -> assertThat(network.downstreamOf(s.id())).allSatisfy(d -> {
      LonLat start = s.geometry().get(0);
      LonLat end = d.geometry().get(d.geometry().size() - 1);
      assertThat(start.distanceTo(end)).as("%s -> %s is a U-turn", s.id(), d.id()).isGreaterThan(100);
    }));
  }

  @Test
  void everyMotorwayAndRingSegmentHasADetectorNearItsMiddle() {
    for (Segment s : network.segments()) {
      if (s.roadClass() == RoadClass.MOTORWAY || s.roadClass() == RoadClass.EXPRESSWAY) {
        assertThat(network.detectorsOn(s.id())).as(s.id()).singleElement().satisfies(d -> {
          assertThat(d.offsetM()).isBetween(s.lengthM() * 0.4, s.lengthM() * 0.6);
          assertThat(d.position().distanceTo(s.pointAt(d.offsetM()))).isLessThan(5);
        });
      }
    }
    assertThat(network.detector("D-M1-E-07")).get().extracting(Detector::segmentId).isEqualTo("M1-E-07");
  }

  @Test
  void liesWithinAFewKilometresOfTheCityCentre() {
    assertThat(network.segments()).allSatisfy(s -> assertThat(s.geometry())
        .allSatisfy(p -> assertThat(p.distanceTo(CENTRE)).as(s.id()).isLessThan(8_000)));
    assertThat(network.intersections()).allSatisfy(ix -> assertThat(ix.position().distanceTo(CENTRE)).isLessThan(3_000));
  }
}
