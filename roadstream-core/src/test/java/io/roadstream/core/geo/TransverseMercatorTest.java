package io.roadstream.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.network.LonLat;
import org.junit.jupiter.api.Test;

class TransverseMercatorTest {

  private static final double MM_IN_DEGREES = 1e-8; // ~1 mm of latitude

  /** EPSG Guidance Note 7-2, §3.5.3 worked example: OSGB 1936 / British National Grid (Airy 1830). */
  private static final TransverseMercator BRITISH_NATIONAL_GRID =
      new TransverseMercator(6_377_563.396, 299.3249646, 49, -2, 0.9996012717, 400_000, -100_000);

  @Test
  void forwardMatchesTheEpsgWorkedExample() {
    double[] en = BRITISH_NATIONAL_GRID.forward(50.5, 0.5);

    assertThat(en[0]).isCloseTo(577_274.99, within(0.01));
    assertThat(en[1]).isCloseTo(69_740.50, within(0.01));
  }

  @Test
  void inverseOfTheEpsgWorkedExampleGivesItsPosition() {
    LonLat p = BRITISH_NATIONAL_GRID.inverse(577_274.99, 69_740.50);

    assertThat(p.lat()).isCloseTo(50.5, within(1e-7));
    assertThat(p.lon()).isCloseTo(0.5, within(1e-7));
  }

  @Test
  void georgiaWestOriginIsAtThirtyNorthOnTheCentralMeridian() {
    LonLat origin = TransverseMercator.GEORGIA_WEST.inverse(700_000, 0);

    assertThat(origin.lat()).isCloseTo(30.0, within(MM_IN_DEGREES));
    assertThat(origin.lon()).isCloseTo(-(84 + 10 / 60.0), within(MM_IN_DEGREES));
  }

  @Test
  void georgiaWestMatchesProjAtPeachtreeStreet() {
    // An NGSIM Peachtree position in EPSG:2240 (US survey feet); the expected value is PROJ 9's
    // `cs2cs EPSG:2240 EPSG:4269` of the same point: 33.781247727 N, 84.384148247 W.
    double ft = TransverseMercator.US_SURVEY_FOOT_M;
    LonLat p = TransverseMercator.GEORGIA_WEST.inverse(2_230_502.921 * ft, 1_375_532.938 * ft);

    assertThat(p.lat()).isCloseTo(33.781247727, within(MM_IN_DEGREES));
    assertThat(p.lon()).isCloseTo(-84.384148247, within(MM_IN_DEGREES));
  }

  @Test
  void forwardUndoesInverseAcrossTheZone() {
    for (double[] en : new double[][] {{600_000, 200_000}, {700_000, 419_000}, {790_000, 380_000}}) {
      LonLat p = TransverseMercator.GEORGIA_WEST.inverse(en[0], en[1]);
      double[] back = TransverseMercator.GEORGIA_WEST.forward(p.lat(), p.lon());
      assertThat(back[0]).isCloseTo(en[0], within(0.001));
      assertThat(back[1]).isCloseTo(en[1], within(0.001));
    }
  }
}
