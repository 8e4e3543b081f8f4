package io.roadstream.core.congestion;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns segments becoming congested or free into jams: congested segments connected by upstream/downstream links
 * form one jam. A jam keeps its id while it grows or shrinks; when two merge, the one that overlaps the result most
 * (the older on a tie) goes on and the other is cleared; when one splits, the larger part keeps the id. Pure: the
 * board goes in, the new board and the events come out.
 */
public final class JamAssembler implements Serializable {

  /** The new board and what changed. */
  public record Result(JamBoard board, List<CongestionEvent> events) {}

  private final RoadNetwork network;

  public JamAssembler(RoadNetwork network) {
    this.network = network;
  }

  /**
   * @param congested whether {@code window}'s segment is now congested (true) or free again (false)
   * @param window    the window that decided it: evidence, and its end is the event time
   */
  public Result apply(JamBoard board, boolean congested, SegmentStats window) {
    Map<String, SegmentStats> segments = new TreeMap<>();
    for (SegmentStats s : board.congested()) {
      segments.put(s.segmentId(), s);
    }
    SegmentStats left = null;
    if (congested) {
      segments.put(window.segmentId(), window);
    } else {
      left = segments.remove(window.segmentId());
      if (left == null) {
        return new Result(board, List.of());
      }
      left = window;
    }
    long time = window.windowEnd();
    List<List<String>> components = components(segments.keySet());
    List<Jam> previous = List.of(board.jams());
    Map<String, Jam> byId = new HashMap<>();
    previous.forEach(j -> byId.put(j.jamId(), j));

    // each component inherits the previous jam it overlaps most; ties go to the older jam
    List<Jam> next = new ArrayList<>();
    Set<String> inherited = new HashSet<>();
    components.sort(Comparator.comparingInt((List<String> c) -> -c.size()).thenComparing(c -> c.get(0)));
    List<CongestionEvent> events = new ArrayList<>();
    for (List<String> component : components) {
      Set<String> members = new HashSet<>(component);
      Jam heir = previous.stream()
          .filter(j -> !inherited.contains(j.jamId()))
          .filter(j -> Arrays.stream(j.segmentIds()).anyMatch(members::contains))
          .max(Comparator.comparingLong((Jam j) -> Arrays.stream(j.segmentIds()).filter(members::contains).count())
              .thenComparing(Comparator.comparingLong(Jam::openedAt).reversed()))
          .orElse(null);
      String[] ordered = component.toArray(String[]::new);
      if (heir == null) {
        Jam jam = new Jam("jam-" + ordered[0] + "-" + time, time, ordered);
        next.add(jam);
        events.add(event(jam, CongestionEventType.OPENED, time, segments));
      } else {
        inherited.add(heir.jamId());
        Jam jam = new Jam(heir.jamId(), heir.openedAt(), ordered);
        next.add(jam);
        if (!Arrays.equals(heir.segmentIds(), ordered)) {
          events.add(event(jam, CongestionEventType.UPDATED, time, segments));
        }
      }
    }
    for (Jam gone : previous) {
      if (!inherited.contains(gone.jamId())) {
        SegmentStats[] evidence = left != null && Arrays.asList(gone.segmentIds()).contains(left.segmentId())
            ? new SegmentStats[] {left} : new SegmentStats[0];
        events.add(new CongestionEvent(gone.jamId(), CongestionEventType.CLEARED, time, gone.openedAt(), gone.head(),
            gone.tail(), new String[0], 0, null, evidence));
      }
    }
    next.sort(Comparator.comparing(Jam::jamId));
    return new Result(new JamBoard(segments.values().toArray(SegmentStats[]::new), next.toArray(Jam[]::new)),
        events);
  }

  private CongestionEvent event(Jam jam, CongestionEventType type, long time, Map<String, SegmentStats> segments) {
    double length = 0;
    Double minSpeed = null;
    SegmentStats[] evidence = new SegmentStats[jam.segmentIds().length];
    for (int i = 0; i < evidence.length; i++) {
      String id = jam.segmentIds()[i];
      length += network.requireSegment(id).lengthKm();
      evidence[i] = segments.get(id);
      Double speed = evidence[i].avgSpeedKmh();
      if (speed != null && (minSpeed == null || speed < minSpeed)) {
        minSpeed = speed;
      }
    }
    return new CongestionEvent(jam.jamId(), type, time, jam.openedAt(), jam.head(), jam.tail(), jam.segmentIds(),
        length, minSpeed, evidence);
  }

  /** Connected groups of congested segments, each ordered from head (most downstream) to tail. */
  private List<List<String>> components(Set<String> congested) {
    List<List<String>> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String start : congested) {
      if (seen.contains(start)) {
        continue;
      }
      Set<String> members = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        String id = todo.pop();
        if (!members.add(id)) {
          continue;
        }
        Segment s = network.requireSegment(id);
        for (String n : s.downstream()) {
          if (congested.contains(n) && !members.contains(n)) {
            todo.push(n);
          }
        }
        for (String n : s.upstream()) {
          if (congested.contains(n) && !members.contains(n)) {
            todo.push(n);
          }
        }
      }
      seen.addAll(members);
      result.add(headToTail(members));
    }
    return result;
  }

  /** From the head — a member with no congested segment downstream — walking upstream, breadth first. */
  private List<String> headToTail(Set<String> members) {
    String head = members.stream().sorted()
        .filter(id -> network.requireSegment(id).downstream().stream().noneMatch(members::contains))
        .findFirst().orElse(members.stream().sorted().findFirst().orElseThrow()); // a closed loop has no head
    List<String> ordered = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(head));
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!visited.add(id)) {
        continue;
      }
      ordered.add(id);
      network.requireSegment(id).upstream().stream().filter(members::contains).sorted().forEach(queue::add);
    }
    members.stream().sorted().filter(id -> !visited.contains(id)).forEach(ordered::add);
    return ordered;
  }

}
