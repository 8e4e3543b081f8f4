package io.roadstream.store.live;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.store.StoredStats;
import java.util.List;

/**
 * What is going on now: the latest window of every segment (by segment id), the open jams (each as its latest
 * event), the incidents not cleared (each as its latest lifecycle event) and the signal plan in force at each
 * intersection, with how fresh that is.
 */
public record LivePicture(List<StoredStats> segments, List<CongestionEvent> jams, List<Incident> incidents,
    List<SignalPlan> signalPlans, Freshness freshness) {

  public LivePicture {
    segments = List.copyOf(segments);
    jams = List.copyOf(jams);
    incidents = List.copyOf(incidents);
    signalPlans = List.copyOf(signalPlans);
  }
}
