package io.roadstream.core.linearroad;

/**
 * Type 2: the sum of the tolls a car has been charged, as of {@code resultTime}. Row:
 * {@code 2,Time,Emit,ResultTime,QID,Balance}.
 */
public record AccountBalance(int time, int emit, int resultTime, int qid, long balance) implements LinearRoadAnswer {

  @Override
  public String toCsv() {
    return "2," + time + ',' + emit + ',' + resultTime + ',' + qid + ',' + balance;
  }
}
