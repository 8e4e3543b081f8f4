package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinearRoadParserTest {

  @Test
  void readsAPositionReport() {
    assertThat(LinearRoadParser.parse("0,0,4,10,0,0,1,68,364319,-1,-1,-1,-1,-1,-1"))
        .isEqualTo(new PositionReport(0, 4, 10, 0, 0, 1, 68, 364319));
  }

  @Test
  void readsABalanceQueryIgnoringThePositionFieldsItCarries() {
    assertThat(LinearRoadParser.parse("2,1,30,10,0,0,1,44,237599,0,-1,-1,-1,-1,-1"))
        .isEqualTo(new AccountBalanceQuery(1, 30, 0));
  }

  @Test
  void readsADailyExpenditureQuery() {
    assertThat(LinearRoadParser.parse("3,18,414,10,0,0,0,48,253440,4,-1,-1,-1,-1,27"))
        .isEqualTo(new DailyExpenditureQuery(18, 414, 0, 4, 27));
  }

  @Test
  void namesTheProblemOfABadRow() {
    assertThatThrownBy(() -> LinearRoadParser.parse("0,0,4,10,0,0,1,68"))
        .isInstanceOf(LinearRoadFormatException.class).hasMessageContaining("8 fields, expected 15");
    assertThatThrownBy(() -> LinearRoadParser.parse("0,0,4,10,0,0,1,68,364319,-1,-1,-1,-1,-1,-1,7"))
        .hasMessageContaining("more than 15 fields");
    assertThatThrownBy(() -> LinearRoadParser.parse("0,0,4,fast,0,0,1,68,364319,-1,-1,-1,-1,-1,-1"))
        .hasMessageContaining("Spd 'fast' is not an integer");
    assertThatThrownBy(() -> LinearRoadParser.parse("0,0,4,10,0,0,1,68,,-1,-1,-1,-1,-1,-1"))
        .hasMessageContaining("Pos '' is not an integer");
    assertThatThrownBy(() -> LinearRoadParser.parse("0,0,4,10,0,7,1,68,364319,-1,-1,-1,-1,-1,-1"))
        .hasMessageContaining("Lane 7 is out of range 0..4");
    assertThatThrownBy(() -> LinearRoadParser.parse("4,0,4,10,0,0,1,68,364319,-1,-1,-1,-1,-1,-1"))
        .hasMessageContaining("Type 4 is not one of");
    assertThatThrownBy(() -> LinearRoadParser.parse("3,18,414,10,0,0,0,48,253440,4,-1,-1,-1,-1,0"))
        .hasMessageContaining("Day 0 is out of range 1..69");
    assertThatThrownBy(() -> LinearRoadParser.parse("0,99999999999,4,10,0,0,1,68,364319,-1,-1,-1,-1,-1,-1"))
        .hasMessageContaining("Time '99999999999' is not an integer");
  }

  @Test
  void theMessageQuotesTheRow() {
    String row = "0,0,4,10,0,0,1,68,600000,-1,-1,-1,-1,-1,-1";

    assertThatThrownBy(() -> LinearRoadParser.parse(row)).hasMessageStartingWith("row '" + row + "'");
  }
}
