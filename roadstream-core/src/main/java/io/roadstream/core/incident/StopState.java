package io.roadstream.core.incident;

import java.io.Serializable;
import java.util.Objects;

/**
 * What {@link StoppedVehicleDetector} remembers of one vehicle: the position of its last report and how many
 * consecutive reports, that one included, came from there.
 *
 * @param position           the caller's position key of the last report, never null
 * @param consecutiveReports at least 1; saturates at the detector's threshold, so a long stop does not grow it
 * @param <P>                the position key; equal keys mean "the same position"
 */
public record StopState<P>(P position, int consecutiveReports) implements Serializable {

  public StopState {
    Objects.requireNonNull(position, "position");
    if (consecutiveReports < 1) {
      throw new IllegalArgumentException("consecutiveReports must be >= 1, was " + consecutiveReports);
    }
  }
}
