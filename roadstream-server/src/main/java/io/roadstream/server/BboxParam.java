package io.roadstream.server;

import io.roadstream.core.network.BoundingBox;

/** The {@code bbox=minLon,minLat,maxLon,maxLat} parameter (WGS84 degrees, GeoJSON's order) of the history queries. */
final class BboxParam {

  private BboxParam() {}

  /**
   * @return null when the parameter is absent
   * @throws ApiException 400 naming {@code bbox} when it is not four numbers that make a box
   */
  static BoundingBox parse(String value) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    double[] v = new double[4];
    boolean numbers = parts.length == 4;
    for (int i = 0; numbers && i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
        numbers = Double.isFinite(v[i]);
      } catch (NumberFormatException e) {
        numbers = false;
      }
    }
    if (!numbers) {
      throw ApiException.badRequest("parameter 'bbox' must be minLon,minLat,maxLon,maxLat in degrees, e.g. "
          + "13.40,52.49,13.44,52.51, got '" + TimeRange.shorten(value) + "'");
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
      throw ApiException.badRequest("parameter 'bbox': longitudes must be within -180..180 and latitudes within "
          + "-90..90, got '" + TimeRange.shorten(value) + "'");
    }
    if (v[0] > v[2] || v[1] > v[3]) {
      throw ApiException.badRequest("parameter 'bbox': minLon must not exceed maxLon nor minLat maxLat (a box "
          + "across the antimeridian is not supported), got '" + TimeRange.shorten(value) + "'");
    }
    return new BoundingBox(v[0], v[1], v[2], v[3]);
  }
}
