package io.roadstream.core.alert;

import io.roadstream.core.event.Alert;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one cause (an accident, a jam) has told whom: the segments with an alert in force. A new plan issues its
 * alerts and withdraws those of segments it no longer reaches (a jam whose tail moved), so no driver is left with
 * a warning about something that is gone. Pure.
 */
public final class AlertBook {

  /** The segments alerted after this step, and the alerts to publish. */
  public record Step(String[] alerted, List<Alert> publish) {}

  private AlertBook() {}

  public static Step next(String[] alerted, List<Alert> planned, long time) {
    Set<String> before = new LinkedHashSet<>(alerted == null ? List.of() : Arrays.asList(alerted));
    Set<String> now = new LinkedHashSet<>();
    List<Alert> publish = new ArrayList<>(planned);
    Alert template = null;
    for (Alert a : planned) {
      if (Alert.ISSUED.equals(a.type())) {
        now.add(a.segmentId());
      }
      template = a;
    }
    if (template != null) {
      for (String gone : before) {
        if (!now.contains(gone) && planned.stream().noneMatch(a -> a.segmentId().equals(gone))) {
          publish.add(new Alert(template.causeId() + ">" + gone, Alert.WITHDRAWN, time, gone, 0, template.cause(),
              template.causeId(), template.causeSegmentId(), "No longer ahead: the " + template.cause()
                  + " has moved or cleared"));
        }
      }
    }
    return new Step(now.toArray(String[]::new), publish);
  }
}
