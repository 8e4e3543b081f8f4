package io.roadstream.core.linearroad;

/** Type 3: what a car spent on one expressway on one past day. Row: {@code 3,Time,Emit,QID,Toll}. */
public record DailyExpenditure(int time, int emit, int qid, int toll) implements LinearRoadAnswer {

  @Override
  public String toCsv() {
    return "3," + time + ',' + emit + ',' + qid + ',' + toll;
  }
}
