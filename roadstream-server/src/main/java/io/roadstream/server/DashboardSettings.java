package io.roadstream.server;

import java.util.Objects;

/**
 * What the dashboard page is told at load ({@code GET /api/dashboard}): the optional map tile layer. An empty
 * {@code tileUrl} draws the network on a plain background, so the page works without the internet.
 *
 * @param tileUrl         Leaflet tile URL template, e.g. {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}; empty:
 *                        no tiles
 * @param tileAttribution the credit the tile provider asks for; shown as text
 */
public record DashboardSettings(String tileUrl, String tileAttribution) {

  /** No tiles: the network on a plain background. */
  public static final DashboardSettings NO_TILES = new DashboardSettings("", "");

  public DashboardSettings {
    tileUrl = Objects.requireNonNullElse(tileUrl, "").strip();
    tileAttribution = Objects.requireNonNullElse(tileAttribution, "").strip();
  }
}
