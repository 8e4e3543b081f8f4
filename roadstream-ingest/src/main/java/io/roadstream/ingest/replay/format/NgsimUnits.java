package io.roadstream.ingest.replay.format;

import io.roadstream.core.geo.TransverseMercator;

/** The units of an NGSIM trajectory file's lengths and speeds. */
public enum NgsimUnits {
  /** The original files: feet and ft/s; Global_X/Global_Y in US survey feet (State Plane), the rest in feet. */
  FEET(TransverseMercator.US_SURVEY_FOOT_M, 0.3048),
  /** The same columns converted to metres and m/s, as some redistributions have them. */
  METRIC(1.0, 1.0);

  private final double gridMetresPerUnit;
  private final double metresPerUnit;

  NgsimUnits(double gridMetresPerUnit, double metresPerUnit) {
    this.gridMetresPerUnit = gridMetresPerUnit;
    this.metresPerUnit = metresPerUnit;
  }

  /** Metres per unit of Global_X and Global_Y (State Plane coordinates). */
  public double gridMetresPerUnit() {
    return gridMetresPerUnit;
  }

  /** Metres per unit of the other lengths; also m/s per unit of speed. */
  public double metresPerUnit() {
    return metresPerUnit;
  }

  /** km/h of a v_Vel value: 1.09728 for ft/s, 3.6 for m/s. */
  public double kmhPerSpeedUnit() {
    return metresPerUnit * 3.6;
  }
}
