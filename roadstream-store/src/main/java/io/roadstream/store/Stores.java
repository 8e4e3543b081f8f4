package io.roadstream.store;

import javax.sql.DataSource;

/** The repositories of one database, as the server and the materializers use them. */
public record Stores(SegmentStatsRepository stats, JamRepository jams, IncidentRepository incidents,
    AlertRepository alerts, SignalPlanRepository signalPlans, WebhookDeliveryRepository deliveries,
    HistoryRepository history) {

  public static Stores on(DataSource dataSource) {
    return new Stores(new SegmentStatsRepository(dataSource), new JamRepository(dataSource),
        new IncidentRepository(dataSource), new AlertRepository(dataSource),
        new SignalPlanRepository(dataSource), new WebhookDeliveryRepository(dataSource),
        new HistoryRepository(dataSource));
  }
}
