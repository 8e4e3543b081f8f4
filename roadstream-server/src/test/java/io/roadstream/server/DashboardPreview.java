package io.roadstream.server;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import io.roadstream.store.Database;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.testkit.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Starts the server for a look at the dashboard: a fresh schema, the bundled network (or the test town), one window
 * of synthetic stats for most segments, and a new window for a few segments every two seconds.
 * Run it from the test classpath with the port as argument (default 7070).
 */
public final class DashboardPreview {

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
    RoadNetwork network;
    try {
      network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
    } catch (RuntimeException e) {
      network = TestTown.network();
    }
    TestPostgres postgres = TestPostgres.freshSchema("dashboard_preview");
    Database database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD,
        postgres.schema());
    SegmentStatsRepository repository = new SegmentStatsRepository(database.dataSource());
    Random random = new Random(7);
    List<Segment> segments = new ArrayList<>(network.segments());
    Instant window = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
    List<SegmentStats> rows = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (i % 9 != 8) { // a few segments without data, to show the grey
        rows.add(synthetic(segments.get(i), window, random));
      }
    }
    repository.upsert(rows);
    long[] counter = {0};
    RoadstreamServer server = new RoadstreamServer(network, io.roadstream.store.Stores.on(database.dataSource()), () -> new PipelineStatus(
        1800 + 200 * Math.sin(counter[0]++ / 5.0), 14.5, 3, 120, Instant.now()), port).start();
    System.out.println("dashboard: http://127.0.0.1:" + server.port() + "/  (" + network.name() + ", schema "
        + postgres.schema() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      database.close();
      try {
        postgres.close();
      } catch (Exception ignored) {
        // best effort
      }
    }));
    while (true) {
      Thread.sleep(2000); // a demo driver, not a test: it paces the synthetic traffic
      Instant next = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      List<SegmentStats> updates = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        updates.add(synthetic(segments.get(random.nextInt(segments.size())), next, random));
      }
      repository.upsert(updates);
    }
  }

  private static SegmentStats synthetic(Segment s, Instant window, Random random) {
    double ratio = Math.max(0.08, Math.min(1.05, 0.95 - Math.abs(random.nextGaussian()) * 0.35));
    double speed = s.freeFlowKmh() * ratio;
    double flow = s.lanes() * s.capacityVehPerHourPerLane() * Math.min(1, 0.25 + (1 - ratio) * 1.2);
    double density = flow / speed / s.lanes();
    LevelOfService los = ratio > 0.85 ? LevelOfService.A : ratio > 0.67 ? LevelOfService.B
        : ratio > 0.5 ? LevelOfService.C : ratio > 0.4 ? LevelOfService.D : ratio > 0.3 ? LevelOfService.E
        : LevelOfService.F;
    return new SegmentStats(s.id(), window.toEpochMilli(), window.plusSeconds(60).toEpochMilli(), speed, flow, density,
        Math.min(0.95, density / 120), s.lengthM() / (speed / 3.6), los, 4, 12 + random.nextInt(30));
  }
}
