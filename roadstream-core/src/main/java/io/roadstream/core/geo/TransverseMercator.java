package io.roadstream.core.geo;

import io.roadstream.core.network.LonLat;

/**
 * A transverse Mercator projection on an ellipsoid (the series of EPSG Guidance Note 7-2, §3.5.3, after Snyder),
 * in metres. Accurate to well under a millimetre within a few degrees of the central meridian, which covers every
 * State Plane or UTM zone it is used for. Immutable and thread-safe.
 *
 * <p>Latitudes and longitudes are on the projection's own datum: for NAD83 zones that is NAD83, which differs from
 * WGS84 by about a metre in the conterminous US, below what a probe position can resolve.
 */
public final class TransverseMercator {

  /** One US survey foot in metres (1200/3937), the unit of most US State Plane coordinates. */
  public static final double US_SURVEY_FOOT_M = 1200.0 / 3937.0;

  /** The GRS 1980 ellipsoid of NAD83. */
  private static final double GRS80_A = 6_378_137.0;
  private static final double GRS80_INVERSE_F = 298.257222101;

  /**
   * Georgia West State Plane, NAD83 (EPSG:26967 in metres; EPSG:2240 is the same grid in US survey feet): latitude of
   * origin 30° N, central meridian 84°10′ W, scale 0.9999, false easting 700 000 m, false northing 0.
   */
  public static final TransverseMercator GEORGIA_WEST = new TransverseMercator(GRS80_A, GRS80_INVERSE_F, 30.0,
      -(84.0 + 10.0 / 60.0), 0.9999, 700_000.0, 0.0);

  private final double a;
  private final double e2;
  private final double ep2;
  private final double lat0;
  private final double lon0;
  private final double k0;
  private final double falseEasting;
  private final double falseNorthing;
  private final double m0;

  /**
   * @param semiMajorAxisM  the ellipsoid's semi-major axis, metres
   * @param inverseFlattening the ellipsoid's 1/f
   * @param latOriginDeg    latitude of the natural origin
   * @param centralMeridianDeg longitude of the natural origin (east positive)
   * @param scale           scale factor on the central meridian
   */
  public TransverseMercator(double semiMajorAxisM, double inverseFlattening, double latOriginDeg,
      double centralMeridianDeg, double scale, double falseEastingM, double falseNorthingM) {
    double f = 1 / inverseFlattening;
    this.a = semiMajorAxisM;
    this.e2 = f * (2 - f);
    this.ep2 = e2 / (1 - e2);
    this.lat0 = Math.toRadians(latOriginDeg);
    this.lon0 = Math.toRadians(centralMeridianDeg);
    this.k0 = scale;
    this.falseEasting = falseEastingM;
    this.falseNorthing = falseNorthingM;
    this.m0 = meridianArc(lat0);
  }

  /** Grid coordinates (easting, northing), metres, of a geographic position. */
  public double[] forward(double latDeg, double lonDeg) {
    double phi = Math.toRadians(latDeg);
    double sin = Math.sin(phi);
    double cos = Math.cos(phi);
    double t = Math.tan(phi) * Math.tan(phi);
    double c = ep2 * cos * cos;
    double aa = (Math.toRadians(lonDeg) - lon0) * cos;
    double nu = a / Math.sqrt(1 - e2 * sin * sin);
    double easting = falseEasting + k0 * nu * (aa + (1 - t + c) * Math.pow(aa, 3) / 6
        + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * Math.pow(aa, 5) / 120);
    double northing = falseNorthing + k0 * (meridianArc(phi) - m0 + nu * Math.tan(phi) * (aa * aa / 2
        + (5 - t + 9 * c + 4 * c * c) * Math.pow(aa, 4) / 24
        + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * Math.pow(aa, 6) / 720));
    return new double[] {easting, northing};
  }

  /** The geographic position of grid coordinates in metres. */
  public LonLat inverse(double eastingM, double northingM) {
    double m1 = m0 + (northingM - falseNorthing) / k0;
    double mu = m1 / (a * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256));
    double sq = Math.sqrt(1 - e2);
    double e1 = (1 - sq) / (1 + sq);
    // footpoint latitude: the latitude whose meridian arc is m1
    double phi1 = mu + (3 * e1 / 2 - 27 * Math.pow(e1, 3) / 32) * Math.sin(2 * mu)
        + (21 * e1 * e1 / 16 - 55 * Math.pow(e1, 4) / 32) * Math.sin(4 * mu)
        + (151 * Math.pow(e1, 3) / 96) * Math.sin(6 * mu)
        + (1097 * Math.pow(e1, 4) / 512) * Math.sin(8 * mu);
    double sin1 = Math.sin(phi1);
    double cos1 = Math.cos(phi1);
    double tan1 = Math.tan(phi1);
    double t1 = tan1 * tan1;
    double c1 = ep2 * cos1 * cos1;
    double w = 1 - e2 * sin1 * sin1;
    double nu1 = a / Math.sqrt(w);
    double rho1 = a * (1 - e2) / Math.pow(w, 1.5);
    double d = (eastingM - falseEasting) / (nu1 * k0);
    double phi = phi1 - (nu1 * tan1 / rho1) * (d * d / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * Math.pow(d, 4) / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * Math.pow(d, 6) / 720);
    double lambda = lon0 + (d - (1 + 2 * t1 + c1) * Math.pow(d, 3) / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * Math.pow(d, 5) / 120) / cos1;
    return new LonLat(Math.toDegrees(lambda), Math.toDegrees(phi));
  }

  /** Distance along the meridian from the equator to latitude {@code phi} (radians), metres. */
  private double meridianArc(double phi) {
    double e4 = e2 * e2;
    double e6 = e4 * e2;
    return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
        - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * Math.sin(2 * phi)
        + (15 * e4 / 256 + 45 * e6 / 1024) * Math.sin(4 * phi)
        - (35 * e6 / 3072) * Math.sin(6 * phi));
  }
}
