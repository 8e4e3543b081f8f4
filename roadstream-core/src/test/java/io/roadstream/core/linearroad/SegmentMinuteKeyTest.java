package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentMinuteKeyTest {

  @Test
  void everyPairHasItsOwnKeyNegativesAndOutOfRangeSegmentsIncluded() {
    Set<Long> keys = new HashSet<>();
    for (int seg = -5; seg < 110; seg++) {
      for (int minute = -10; minute < 200; minute++) {
        assertThat(keys.add(SegmentMinute.key(seg, minute))).as("seg %d minute %d", seg, minute).isTrue();
      }
    }
    assertThat(SegmentMinute.key(0, Integer.MAX_VALUE)).isNotEqualTo(SegmentMinute.key(Integer.MAX_VALUE, 0));
  }

  @Test
  void theMinutesOneExpresswayDirectionHoldsSpreadOverAHashTableWithoutLongChains() {
    // what the Linear Road state holds at once: 100 segments × the current minute and the six before it
    Map<Integer, Integer> perBucket = new HashMap<>();
    Set<Integer> hashes = new HashSet<>();
    for (int minute = 120; minute < 127; minute++) {
      for (int seg = 0; seg < 100; seg++) {
        int h = Long.valueOf(SegmentMinute.key(seg, minute)).hashCode();
        hashes.add(h);
        int bucket = (h ^ (h >>> 16)) & 1023; // java.util.HashMap's spreading, 1,024 buckets for 700 entries
        perBucket.merge(bucket, 1, Integer::sum);
      }
    }
    // seg and minute packed plainly hash to seg ^ minute: 104 values for these 700 keys
    assertThat(hashes).as("distinct hash codes").hasSize(700);
    int longest = perBucket.values().stream().max(Integer::compare).orElseThrow();
    assertThat(longest).as("HashMap turns a bucket into a tree beyond 8 entries").isLessThanOrEqualTo(8);
  }
}
