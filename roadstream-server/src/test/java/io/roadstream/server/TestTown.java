package io.roadstream.server;

import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A five-segment network (a two-way street crossed by a motorway ramp) for server tests. */
final class TestTown {

  private TestTown() {}

  static RoadNetwork network() {
    try (InputStream in = TestTown.class.getResourceAsStream("/test-town.geojson")) {
      return new RoadNetworkLoader().parse("test-town", in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
