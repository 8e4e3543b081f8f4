package io.roadstream.core.network;

import java.io.Serializable;

/** A WGS84 position, in GeoJSON order (longitude first). */
public record LonLat(double lon, double lat) implements Serializable {

  private static final double EARTH_RADIUS_M = 6_371_008.8;

  /** Great-circle distance in metres (haversine). */
  public double distanceTo(LonLat other) {
    double phi1 = Math.toRadians(lat);
    double phi2 = Math.toRadians(other.lat);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(other.lon - lon);
    double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Initial bearing towards {@code other}, degrees clockwise from north in [0, 360). */
  public double bearingTo(LonLat other) {
    double phi1 = Math.toRadians(lat);
    double phi2 = Math.toRadians(other.lat);
    double dLambda = Math.toRadians(other.lon - lon);
    double y = Math.sin(dLambda) * Math.cos(phi2);
    double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
    return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
  }

  /** The point a fraction {@code t} (0..1) of the way to {@code other}; linear, fine over segment-sized distances. */
  public LonLat towards(LonLat other, double t) {
    return new LonLat(lon + (other.lon - lon) * t, lat + (other.lat - lat) * t);
  }
}
