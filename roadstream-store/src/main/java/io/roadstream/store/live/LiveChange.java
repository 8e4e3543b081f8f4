package io.roadstream.store.live;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.store.StoredStats;

/** A change of the live picture, as a {@link LiveView} announces it to its subscribers. */
public sealed interface LiveChange {

  /** A row became its segment's latest window (a new window, or a revision of the latest one). */
  record SegmentChanged(StoredStats row) implements LiveChange {}

  /** A jam opened, changed, or cleared ({@code event.type() == CLEARED}: it left the picture). */
  record JamChanged(CongestionEvent event) implements LiveChange {}

  /** An incident was detected, confirmed, or cleared ({@code CLEARED}: it left the picture). */
  record IncidentChanged(Incident event) implements LiveChange {}

  /** An intersection got a new plan. */
  record SignalPlanChanged(SignalPlan plan) implements LiveChange {}

  /** The view became stale or fresh again. */
  record FreshnessChanged(Freshness freshness) implements LiveChange {}
}
