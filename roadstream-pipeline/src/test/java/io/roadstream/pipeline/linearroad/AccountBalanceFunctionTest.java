package io.roadstream.pipeline.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.linearroad.AccountBalanceQuery;
import io.roadstream.core.linearroad.TollCharge;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-vehicle account operator in a keyed test harness: the order of answers, timers and state. */
class AccountBalanceFunctionTest {

  static final int VID = 42;
  static final int T90 = 90, T120 = 120, T150 = 150;

  private KeyedTwoInputStreamOperatorTestHarness<Integer, AccountBalanceQuery, TollCharge, String> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new AccountBalanceFunction(),
        AccountBalanceQuery::vid, TollCharge::vid, Types.INT);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void answersAfterTheChargesOfItsSecondAndBeforeLaterOnes() throws Exception {
    harness.processElement1(new AccountBalanceQuery(T120, VID, 1), T120 * 1000L);
    // a later charge may arrive first: it must not count
    harness.processElement2(new TollCharge(VID, T150, 7), T150 * 1000L);
    harness.processElement2(new TollCharge(VID, T90, 200), T90 * 1000L);
    harness.processElement2(new TollCharge(VID, T120, 50), T120 * 1000L);
    assertThat(harness.extractOutputValues()).as("nothing before the watermark passes the query's second").isEmpty();

    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T120 * 1000L));

    assertThat(harness.extractOutputValues()).containsExactly("2,120,120,120,1,250");
    assertThat(harness.numEventTimeTimers()).as("the charge at 150 still waits").isEqualTo(1);
  }

  @Test
  void keepsOnlyTheAccountOnceEveryTimerFired() throws Exception {
    harness.processElement2(new TollCharge(VID, T90, 200), T90 * 1000L);
    harness.processElement1(new AccountBalanceQuery(T90, VID, 1), T90 * 1000L);
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T150 * 1000L));

    assertThat(harness.extractOutputValues()).containsExactly("2,90,90,90,1,200");
    assertThat(harness.numEventTimeTimers()).isZero();
    // the account, nothing pending
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }
}
