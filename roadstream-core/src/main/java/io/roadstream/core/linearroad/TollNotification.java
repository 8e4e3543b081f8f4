package io.roadstream.core.linearroad;

/**
 * Type 0: the toll a car will be charged for the segment it has just entered (0 included), and the segment's LAV.
 * Row: {@code 0,VID,Time,Emit,LAV,Toll}.
 *
 * @param emit when the answer was emitted, simulation seconds; core sets it to {@code time}, a job may set the real one
 */
public record TollNotification(int vid, int time, int emit, int lav, int toll) implements LinearRoadAnswer {

  @Override
  public String toCsv() {
    return "0," + vid + ',' + time + ',' + emit + ',' + lav + ',' + toll;
  }
}
