package io.roadstream.core.linearroad;

/**
 * Type 1: a car entering a segment is told of an accident in segment {@code seg}, at most 4 segments downstream.
 * Row: {@code 1,Time,Emit,XWay,AccSeg,Dir,VID}.
 */
public record AccidentAlert(int time, int emit, int xway, int seg, int dir, int vid) implements LinearRoadAnswer {

  @Override
  public String toCsv() {
    return "1," + time + ',' + emit + ',' + xway + ',' + seg + ',' + dir + ',' + vid;
  }
}
