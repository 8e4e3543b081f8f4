package io.roadstream.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * All of roadstream's settings, one immutable value parsed once (defaults → roadstream.yaml → environment → flags)
 * by {@link ConfigLoader}. Every key has a default; {@code roadstream demo} needs none. A key's path is its YAML
 * path, e.g. {@code kafka.partitions}; its environment variable is {@code ROADSTREAM_KAFKA_PARTITIONS}.
 */
public record RoadstreamConfig(
    String network,
    Kafka kafka,
    Postgres postgres,
    Pipeline pipeline,
    Server server,
    Simulator simulator,
    Detection detection,
    Dispatch dispatch,
    Ingest ingest,
    Redis redis,
    Archive archive,
    History history,
    Metrics metrics) {

  public static RoadstreamConfig defaults() {
    return new RoadstreamConfig("metroville",
        new Kafka("", 4, "roadstream.", ".roadstream/kafka", ""),
        new Postgres("", "postgres", "", "roadstream", ".roadstream/postgres"),
        new Pipeline(60, 30, 5, 10, 5, 2, "exactly-once", "roadstream", "hashmap", ".roadstream/checkpoints"),
        Server.onPort(8080),
        new Simulator("morning-peak", 42, 10.0, 10, 30, 1.0),
        new Detection(new Detection.Jam("E", 2, 3), new Detection.Alerts(2000, 30), new Detection.Probes(4, 60),
            new Detection.California(0.08, 0.5, 0.20, 0.75), new Detection.Incidents(500, 60)),
        new Dispatch(List.of(), List.of("accident"), 10_000, new Dispatch.Retry(8, 500, 60_000, 2.0),
            new Dispatch.RabbitMq("", "roadstream.alerts")),
        new Ingest(".roadstream/ingest", 32L * 1024 * 1024, new Ingest.Push("", 10 * 1024 * 1024), List.of()),
        new Redis("", "roadstream:", 300, 21_600),
        new Archive(".roadstream/archive", 64L * 1024 * 1024, 300, "zstd",
            new Archive.S3("", "", "", "us-east-1", false, "", "", "")),
        new History(60, "UTC", new History.Retention(35, 400, 0), new History.Typical(8)),
        new Metrics(0, ""));
  }

  /**
   * @param bootstrap  bootstrap servers of an existing cluster; empty = the demo starts an embedded broker
   * @param dataDir    where the embedded broker keeps its log
   * @param clientProperties extra Kafka client properties as {@code key=value;key=value} (security settings, say)
   */
  public record Kafka(String bootstrap, int partitions, String topicPrefix, String dataDir, String clientProperties) {
    /** Never prints a client property that holds a secret (passwords, JAAS configurations, keys). */
    @Override
    public String toString() {
      return "Kafka[bootstrap=" + bootstrap + ", partitions=" + partitions + ", topicPrefix=" + topicPrefix
          + ", dataDir=" + dataDir + ", clientProperties=" + Secrets.maskProperties(clientProperties) + "]";
    }

    public Topics topics() {
      return new Topics(topicPrefix);
    }

    /**
     * {@code clientProperties} as a map; entries are {@code key=value}, separated by ';' or new lines. A ';' ends an
     * entry only where the next key begins (or the text ends), so a JAAS configuration keeps its own ';' — which
     * Kafka requires at its end, and which is added when the separator took it.
     */
    public java.util.Map<String, String> clientPropertiesMap() {
      java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
      for (String entry : clientProperties.split("\\n|;(?=\\s*(?:[A-Za-z0-9_.-]+\\s*=|$))")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException(List.of("kafka.clientProperties: '" + entry.trim() + "' is not key=value"));
        }
        String key = entry.substring(0, eq).trim();
        String value = entry.substring(eq + 1).trim();
        if (key.endsWith("sasl.jaas.config") && !value.endsWith(";")) {
          value = value + ";";
        }
        map.put(key, value);
      }
      return map;
    }
  }

  /** @param jdbcUrl an existing database; empty = the demo starts an embedded PostgreSQL in {@code dataDir} */
  public record Postgres(String jdbcUrl, String user, String password, String schema, String dataDir) {
    /** Never prints the password, nor one given in the URL. */
    @Override
    public String toString() {
      return "Postgres[jdbcUrl=" + Secrets.maskUrl(jdbcUrl) + ", user=" + user + ", password=" + Secrets.mask(password)
          + ", schema=" + schema + ", dataDir=" + dataDir + "]";
    }
  }

  /**
   * @param windowSeconds             length of the tumbling statistics window
   * @param allowedLatenessSeconds    events this late still update their window; later ones go to dead letters
   * @param maxOutOfOrdernessSeconds  how far behind the newest event an event may arrive and still be on time
   * @param idlenessSeconds           a partition silent this long stops holding back the watermark
   * @param checkpointIntervalSeconds exactly-once output becomes visible at each checkpoint
   * @param deliveryGuarantee         exactly-once, at-least-once or none, for the job's Kafka sinks
   * @param jobName                   the Flink job's name, also the prefix of its Kafka transactional ids
   * @param stateBackend              hashmap (state on the heap, fastest) or rocksdb (state on local disk: larger than
   *                                  memory, incremental checkpoints)
   * @param checkpointDir             where checkpoints are written, kept after the job ends, and resumed from: a path
   *                                  or a file://, s3://, hdfs:// URI that every Flink process can reach; empty =
   *                                  in the JobManager's memory, lost with it
   */
  public record Pipeline(int windowSeconds, int allowedLatenessSeconds, int maxOutOfOrdernessSeconds,
      int idlenessSeconds, int checkpointIntervalSeconds, int parallelism, String deliveryGuarantee, String jobName,
      String stateBackend, String checkpointDir) {}

  /**
   * @param port            the HTTP port of the API and the dashboard
   * @param readToken       when set, the read API ({@code /api/*}, the live stream) needs it, as {@code Authorization:
   *                        Bearer <token>} or through the dashboard's sign-in ({@code /login.html}); empty = public
   * @param adminToken      {@code /api/admin/*} needs it as {@code Authorization: Bearer <token>}; empty = the admin
   *                        API is off
   * @param tileUrl         a map tile layer for the dashboard, Leaflet's form ({@code https://tiles.example/{z}/{x}/{y}.png},
   *                        or a path on this server); empty: no tiles, the network on a plain background, nothing
   *                        fetched from the internet
   * @param tileAttribution the credit the tile provider asks for, shown in the map's corner (HTML is escaped)
   */
  public record Server(int port, String readToken, String adminToken, String tileUrl, String tileAttribution) {
    public Server {
      readToken = readToken == null ? "" : readToken;
      adminToken = adminToken == null ? "" : adminToken;
      tileUrl = tileUrl == null ? "" : tileUrl.strip();
      tileAttribution = tileAttribution == null ? "" : tileAttribution.strip();
    }

    /** Settings with only a port: no tokens, no tiles. */
    public static Server onPort(int port) {
      return new Server(port, "", "", "", "");
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
      return "Server[port=" + port + ", readToken=" + Secrets.mask(readToken) + ", adminToken="
          + Secrets.mask(adminToken) + ", tileUrl=" + tileUrl + ", tileAttribution=" + tileAttribution + "]";
    }
  }

  /**
   * @param speedFactor   simulated seconds per wall-clock second during the scenario; 0 = as fast as possible
   * @param probeIntervalS each vehicle reports its position this often
   * @param demandScale   multiplies the scenario's demand: the knob for event rate
   */
  public record Simulator(String scenario, long seed, double speedFactor, int probeIntervalS, int detectorIntervalS,
      double demandScale) {}

  /** Thresholds of the detection rules; docs/detection.md gives each default and its source. */
  public record Detection(Jam jam, Alerts alerts, Probes probes, California california, Incidents incidents) {

    /**
     * @param stopAfterReports          consecutive reports at one place (under 1 km/h, within 10 m) that make a
     *                                  vehicle stopped
     * @param forgetVehicleAfterSeconds a vehicle silent this long no longer counts as stopped anywhere
     */
    public record Probes(int stopAfterReports, int forgetVehicleAfterSeconds) {}

    /**
     * The California #7 tests between consecutive detector stations, in fractional occupancy (0..1).
     *
     * @param occupancyDifference         T1: OCC(upstream) − OCC(downstream) at least this
     * @param relativeOccupancyDifference T2: that difference over OCC(upstream) at least this
     * @param downstreamOccupancy         T3: OCC(downstream) below this
     * @param downstreamFlowShare         T4: downstream flow over its road's capacity below this
     */
    public record California(double occupancyDifference, double relativeOccupancyDifference,
        double downstreamOccupancy, double downstreamFlowShare) {}

    /**
     * @param mergeDistanceM      signals of probes, detectors and reports this close along the road are one incident
     * @param confirmAfterSeconds an incident still seen this long after detection is confirmed by one source alone
     */
    public record Incidents(double mergeDistanceM, int confirmAfterSeconds) {}

    /**
     * @param upstreamDistanceM      drivers this far upstream (along the network) of an accident or a jam are alerted
     * @param vehiclePresenceSeconds a probe vehicle counts as on a segment, for the alerts addressed to it, while it
     *                               has reported there this recently
     */
    public record Alerts(double upstreamDistanceM, int vehiclePresenceSeconds) {}

    /**
     * @param congestedFrom     a window at this Level of Service (A-F) or worse is congested
     * @param openAfterWindows  consecutive congested windows that open a jam
     * @param clearAfterWindows consecutive uncongested windows that clear it
     */
    public record Jam(String congestedFrom, int openAfterWindows, int clearAfterWindows) {}
  }

  /**
   * Where roadstream tells other systems about incidents and alerts. Nothing is dispatched unless webhooks or a
   * RabbitMQ URI are configured.
   *
   * @param webhooks  each CONFIRMED incident of {@code kinds} is POSTed once to every one of these
   * @param kinds     the incident kinds that are sent (e.g. {@code accident})
   * @param timeoutMs connect and request timeout of one webhook call
   * @param retry     how failed webhook calls are retried before the delivery goes to the dead letters
   * @param rabbitmq  every alert is published to this exchange when {@code uri} is set
   */
  public record Dispatch(List<Webhook> webhooks, List<String> kinds, long timeoutMs, Retry retry, RabbitMq rabbitmq) {

    /**
     * @param name  stable name of the receiver: the delivery log's key, so renaming it sends every incident again
     * @param url   absolute http(s) URL that the incident is POSTed to
     * @param token sent as {@code Authorization: Bearer <token>} when not empty
     */
    public record Webhook(String name, String url, String token) {
      public Webhook {
        token = token == null ? "" : token;
      }

      /** Never prints the token. */
      @Override
      public String toString() {
        return name + " (" + url + ")";
      }
    }

    /**
     * Attempt n (1-based) that fails is retried after {@code min(maxBackoffMs, initialBackoffMs × multiplier^(n-1))};
     * after {@code maxAttempts} failed attempts the delivery is given up and dead-lettered.
     */
    public record Retry(int maxAttempts, long initialBackoffMs, long maxBackoffMs, double multiplier) {}

    /**
     * @param uri      {@code amqp://user:password@host:5672/vhost}; empty = no RabbitMQ
     * @param exchange topic exchange (declared durable) that alerts are published to
     */
    public record RabbitMq(String uri, String exchange) {
      /** Never prints the password in the URI. */
      @Override
      public String toString() {
        return "RabbitMq[uri=" + Secrets.maskUrl(uri) + ", exchange=" + exchange + "]";
      }
    }

    public Dispatch {
      webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
      kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
  }

  /**
   * Sources of traffic data that {@code roadstream ingest} runs (see docs/connectors.md).
   *
   * @param stateDir    where connectors keep their positions (an API's high-water mark), one file each
   * @param bufferBytes records a connector may have waiting for Kafka; beyond it the connector waits
   * @param sources     one mapping per source, each with {@code type} and {@code name}; the ingest module reads
   *                    the rest by type
   */
  public record Ingest(String stateDir, long bufferBytes, Push push, List<java.util.Map<String, Object>> sources) {

    /**
     * {@code POST /ingest/{readings|positions|reports}} on the server.
     *
     * @param token        required as {@code Authorization: Bearer <token>}; empty = the endpoint is off
     * @param maxBodyBytes larger requests are refused with 413
     */
    public record Push(String token, int maxBodyBytes) {
      /** Never prints the token. */
      @Override
      public String toString() {
        return "Push[token=" + (token.isEmpty() ? "none" : "***") + ", maxBodyBytes=" + maxBodyBytes + "]";
      }
    }

    public Ingest {
      sources = sources == null ? List.of() : List.copyOf(sources);
    }
  }

  /**
   * The live view in Redis: the latest statistics of every segment, the open jams and incidents and the signal plan in
   * force, written by the materializers and read by every server, which also hear each change on a pub/sub channel.
   *
   * @param uri               {@code redis://[user:password@]host:6379[/db]} or {@code rediss://…}; empty = no Redis
   *                          (the servers follow PostgreSQL instead)
   * @param keyPrefix         every key and the channel start with this, so deployments (and tests) can share a Redis
   * @param ttlSeconds        a segment's statistics expire from the live view when no newer window came for this long
   * @param episodeTtlSeconds a jam, an incident or a signal plan expires this long after its last change, in case its
   *                          end was never seen
   */
  public record Redis(String uri, String keyPrefix, int ttlSeconds, int episodeTtlSeconds) {

    /** Never prints a password that the URI may hold. */
    @Override
    public String toString() {
      return "Redis[uri=" + redacted(uri) + ", keyPrefix=" + keyPrefix + ", ttlSeconds=" + ttlSeconds
          + ", episodeTtlSeconds=" + episodeTtlSeconds + "]";
    }

    /** The URI without its password, for logs and messages. */
    public static String redacted(String uri) {
      return Secrets.maskUrl(uri);
    }
  }

  /**
   * The Parquet archive of the raw topics that {@code roadstream archive} writes and {@code roadstream replay archive}
   * reads (docs/archive.md): in a local directory, or in an S3 bucket when {@code s3.bucket} is set.
   *
   * @param dir                 the archive's local directory, used when {@code s3.bucket} is empty
   * @param rollBytes           when the open files hold this many bytes together, they are closed, published and
   *                            the consumed offsets committed (also the most a file can hold)
   * @param rollIntervalSeconds the same, at the latest this long after the first record since the last commit
   * @param compression         zstd, snappy, gzip or none
   */
  public record Archive(String dir, long rollBytes, int rollIntervalSeconds, String compression, S3 s3) {

    public static final List<String> COMPRESSIONS = List.of("zstd", "snappy", "gzip", "none");

    /**
     * Any S3-compatible object store: AWS S3, MinIO, Ceph, Garage, s3proxy ….
     *
     * @param bucket          empty = the archive is in {@code dir}
     * @param prefix          key prefix inside the bucket, e.g. {@code roadstream/raw}; empty = the bucket's root
     * @param endpoint        the store's URL, e.g. {@code http://127.0.0.1:9000}; empty = AWS S3 of {@code region}
     * @param pathStyle       {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (most
     *                        self-hosted stores want this)
     * @param accessKeyId     with {@code secretAccessKey}; both empty = AWS's default chain (AWS_ACCESS_KEY_ID and
     *                        AWS_SECRET_ACCESS_KEY, ~/.aws, an instance or pod role)
     * @param stagingDir      where a file is written before its upload; empty = the system's temporary directory
     */
    public record S3(String bucket, String prefix, String endpoint, String region, boolean pathStyle,
        String accessKeyId, String secretAccessKey, String stagingDir) {

      /** Never prints the secret. */
      @Override
      public String toString() {
        return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + (endpoint.isEmpty() ? "AWS" : endpoint)
            + ", region=" + region + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId
            + ", secretAccessKey=" + (secretAccessKey.isEmpty() ? "none" : "***") + "]";
      }
    }

    /** Where the archive is, for people: the directory, or {@code s3://bucket/prefix}. */
    public String location() {
      return s3.bucket().isEmpty() ? dir : "s3://" + s3.bucket() + (s3.prefix().isEmpty() ? "" : "/" + s3.prefix());
    }
  }

  /**
   * History in PostgreSQL: the pipeline's windows, their 15-minute and 1-hour rollups, and each segment's typical speed
   * by quarter hour of the week, kept up to date and trimmed by one periodic job in every {@code serve} (and the demo).
   *
   * @param maintenanceIntervalSeconds how often the job rolls up what changed, applies retention and refreshes the
   *                                   typical speeds; a revised window reaches its rollups within this
   * @param timeZone                   the network's time zone (an IANA name, e.g. Europe/Berlin): the typical speeds'
   *                                   quarter hours of the week are local time
   * @param retention                  how long each resolution is kept
   * @param typical                    how the typical speeds are made
   */
  public record History(int maintenanceIntervalSeconds, String timeZone, Retention retention, Typical typical) {

    /**
     * Days each resolution is kept, counted back from now by window start; 0 = forever. A rollup is never kept for
     * less time than what it is made from, and rows are deleted only once their rollup is up to date.
     *
     * @param rawDays           the pipeline's windows (1 minute by default)
     * @param fifteenMinuteDays the 15-minute rollups
     * @param hourDays          the 1-hour rollups
     */
    public record Retention(int rawDays, int fifteenMinuteDays, int hourDays) {}

    /** @param weeks the weeks of 15-minute rollups, counted back from now, whose median is a slot's typical speed */
    public record Typical(int weeks) {}

    public java.time.ZoneId zone() {
      return java.time.ZoneId.of(timeZone);
    }
  }

  /**
   * Prometheus metrics. {@code serve} and {@code demo} show theirs at the HTTP server's {@code /metrics}; these
   * settings are for what has no HTTP server, and for the Flink job's metrics.
   *
   * @param port         {@code roadstream ingest} serves {@code /metrics} on this port; 0 = not at all
   * @param flinkRestUrl the REST address of the Flink JobManager that runs the job ({@code http://jobmanager:8081}):
   *                     {@code serve} then adds the job's metrics (records in/out, watermarks, checkpoints, restarts)
   *                     to its {@code /metrics}; empty = none ({@code demo} always adds its own MiniCluster's)
   */
  public record Metrics(int port, String flinkRestUrl) {
    public Metrics {
      flinkRestUrl = flinkRestUrl == null ? "" : flinkRestUrl.strip();
    }

    /** Never prints credentials a URL may hold. */
    @Override
    public String toString() {
      return "Metrics[port=" + port + ", flinkRestUrl=" + Secrets.maskUrl(flinkRestUrl) + "]";
    }
  }

  /** The same settings against another Kafka cluster (the demo's embedded broker, once it has a port). */
  public RoadstreamConfig withKafkaBootstrap(String bootstrap) {
    return new RoadstreamConfig(network, new Kafka(bootstrap, kafka.partitions(), kafka.topicPrefix(), kafka.dataDir(),
        kafka.clientProperties()), postgres, pipeline, server, simulator, detection, dispatch, ingest, redis,
        archive, history, metrics);
  }

  /** Problems with the values, each naming its key; empty when the configuration is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    require(problems, network != null && !network.isBlank(), "network", "must name a network");
    require(problems, kafka.partitions() >= 1 && kafka.partitions() <= 1000, "kafka.partitions", "must be 1..1000");
    require(problems, kafka.topicPrefix().matches("[A-Za-z0-9._-]*"), "kafka.topicPrefix",
        "may hold only letters, digits, '.', '_' and '-'");
    require(problems, !postgres.schema().isBlank() && postgres.schema().matches("[a-z_][a-z0-9_]*"),
        "postgres.schema", "must be a lower-case SQL identifier");
    require(problems, pipeline.windowSeconds() >= 1, "pipeline.windowSeconds", "must be at least 1");
    require(problems, pipeline.allowedLatenessSeconds() >= 0, "pipeline.allowedLatenessSeconds", "must be at least 0");
    require(problems, pipeline.maxOutOfOrdernessSeconds() >= 0, "pipeline.maxOutOfOrdernessSeconds",
        "must be at least 0");
    require(problems, pipeline.idlenessSeconds() >= 1, "pipeline.idlenessSeconds", "must be at least 1");
    require(problems, pipeline.checkpointIntervalSeconds() >= 1, "pipeline.checkpointIntervalSeconds",
        "must be at least 1");
    require(problems, pipeline.parallelism() >= 1, "pipeline.parallelism", "must be at least 1");
    require(problems, List.of("exactly-once", "at-least-once", "none").contains(pipeline.deliveryGuarantee()),
        "pipeline.deliveryGuarantee", "must be exactly-once, at-least-once or none");
    require(problems, List.of("hashmap", "rocksdb").contains(pipeline.stateBackend()), "pipeline.stateBackend",
        "must be hashmap or rocksdb");
    require(problems, pipeline.checkpointDir() != null, "pipeline.checkpointDir",
        "must be a path or URI (empty = JobManager memory)");
    require(problems, server.port() >= 0 && server.port() <= 65535, "server.port", "must be 0..65535");
    tokenProblems(problems, server.readToken(), "server.readToken");
    tokenProblems(problems, server.adminToken(), "server.adminToken");
    require(problems, server.adminToken().isEmpty() || !server.adminToken().equals(server.readToken()),
        "server.adminToken", "must differ from server.readToken (whoever may read must not thereby administer)");
    require(problems, server.tileUrl().isEmpty() || isTileUrl(server.tileUrl()), "server.tileUrl",
        "must be empty (no tiles) or an http(s):// URL or a /path with {z}, {x} and {y}, "
            + "e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    require(problems, simulator.speedFactor() >= 0, "simulator.speedFactor", "must be at least 0 (0 = as fast as possible)");
    require(problems, simulator.probeIntervalS() >= 1, "simulator.probeIntervalS", "must be at least 1");
    require(problems, simulator.detectorIntervalS() >= 1, "simulator.detectorIntervalS", "must be at least 1");
    require(problems, simulator.demandScale() > 0, "simulator.demandScale", "must be above 0");
    require(problems, detection.jam().congestedFrom().matches("[A-F]"), "detection.jam.congestedFrom",
        "must be a Level of Service, A to F");
    require(problems, detection.alerts().upstreamDistanceM() > 0, "detection.alerts.upstreamDistanceM",
        "must be above 0");
    require(problems, detection.jam().openAfterWindows() >= 1, "detection.jam.openAfterWindows", "must be at least 1");
    require(problems, detection.jam().clearAfterWindows() >= 1, "detection.jam.clearAfterWindows",
        "must be at least 1");
    dispatchProblems(problems);
    ingestProblems(problems);
    redisProblems(problems);
    archiveProblems(problems);
    historyProblems(problems);
    require(problems, metrics.port() >= 0 && metrics.port() <= 65535, "metrics.port", "must be 0..65535 (0 = off)");
    require(problems, metrics.flinkRestUrl().isEmpty() || isHttpUrl(metrics.flinkRestUrl()), "metrics.flinkRestUrl",
        "must be empty (no Flink metrics) or the JobManager's REST address, e.g. http://jobmanager:8081");
    return problems;
  }

  /** A token is either off (empty) or hard to guess and safe in a header and a cookie. */
  private static void tokenProblems(List<String> problems, String token, String key) {
    require(problems, token.isEmpty() || token.matches("[A-Za-z0-9._~+/=-]{16,512}"), key,
        "must be empty (off) or 16..512 characters of A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -base64 24)");
  }

  private void redisProblems(List<String> problems) {
    String uri = redis.uri();
    boolean validUri = uri != null && (uri.isEmpty() || redisUri(uri));
    require(problems, validUri, "redis.uri", "must be empty (no Redis) or a redis:// or rediss:// URI with a host");
    require(problems, redis.keyPrefix() != null && redis.keyPrefix().matches("[A-Za-z0-9._:{}-]{1,100}"),
        "redis.keyPrefix", "must be 1..100 letters, digits, '.', '_', ':', '{', '}' or '-'");
    require(problems, redis.ttlSeconds() >= 1, "redis.ttlSeconds", "must be at least 1");
    require(problems, redis.episodeTtlSeconds() >= 1, "redis.episodeTtlSeconds", "must be at least 1");
  }

  private void historyProblems(List<String> problems) {
    require(problems, history.maintenanceIntervalSeconds() >= 1, "history.maintenanceIntervalSeconds",
        "must be at least 1");
    boolean zone;
    try {
      java.time.ZoneId.of(history.timeZone());
      zone = true;
    } catch (java.time.DateTimeException | NullPointerException e) {
      zone = false;
    }
    require(problems, zone, "history.timeZone", "must be a time zone such as UTC or Europe/Berlin");
    History.Retention r = history.retention();
    require(problems, r.rawDays() >= 0, "history.retention.rawDays", "must be at least 0 (0 = keep forever)");
    require(problems, r.fifteenMinuteDays() >= 0, "history.retention.fifteenMinuteDays",
        "must be at least 0 (0 = keep forever)");
    require(problems, r.hourDays() >= 0, "history.retention.hourDays", "must be at least 0 (0 = keep forever)");
    // a rollup outliving what it is made from is the point; the other way round, a revised window would be rolled
    // up again from a period whose other rows are gone
    require(problems, keptDays(r.fifteenMinuteDays()) >= keptDays(r.rawDays()), "history.retention.fifteenMinuteDays",
        "must be 0 (forever) or at least history.retention.rawDays (" + r.rawDays()
            + "): a rollup is kept at least as long as the rows it is made from");
    require(problems, keptDays(r.hourDays()) >= keptDays(r.fifteenMinuteDays()), "history.retention.hourDays",
        "must be 0 (forever) or at least history.retention.fifteenMinuteDays (" + r.fifteenMinuteDays()
            + "): a rollup is kept at least as long as the rows it is made from");
    int weeks = history.typical().weeks();
    require(problems, weeks >= 1 && weeks <= 52, "history.typical.weeks", "must be 1..52");
    require(problems, keptDays(r.fifteenMinuteDays()) >= 7L * weeks, "history.typical.weeks",
        weeks + " weeks need the 15-minute rollups kept at least " + 7 * weeks
            + " days (history.retention.fifteenMinuteDays is " + r.fifteenMinuteDays() + ")");
  }

  private static long keptDays(int days) {
    return days == 0 ? Long.MAX_VALUE : days;
  }

  private static boolean redisUri(String uri) {
    try {
      java.net.URI u = new java.net.URI(uri);
      return ("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private void archiveProblems(List<String> problems) {
    Archive.S3 s3 = archive.s3();
    require(problems, s3.bucket() != null && (s3.bucket().isEmpty() || s3.bucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")),
        "archive.s3.bucket", "must be empty (archive in archive.dir) or an S3 bucket name: 3..63 lower-case letters, "
            + "digits, '.' and '-'");
    require(problems, archive.dir() != null && (!archive.dir().isBlank() || !s3.bucket().isEmpty()), "archive.dir",
        "must name a directory (or set archive.s3.bucket)");
    require(problems, archive.rollBytes() >= 1024, "archive.rollBytes", "must be at least 1024");
    require(problems, archive.rollIntervalSeconds() >= 1, "archive.rollIntervalSeconds", "must be at least 1");
    require(problems, Archive.COMPRESSIONS.contains(archive.compression()), "archive.compression",
        "must be one of " + String.join(", ", Archive.COMPRESSIONS));
    require(problems, s3.prefix() != null && !s3.prefix().startsWith("/") && !s3.prefix().endsWith("/"),
        "archive.s3.prefix", "must not start or end with '/' (e.g. roadstream/raw)");
    require(problems, s3.endpoint() != null && (s3.endpoint().isEmpty() || isHttpUrl(s3.endpoint())),
        "archive.s3.endpoint", "must be empty (AWS S3) or an absolute http:// or https:// URL");
    require(problems, s3.region() != null && !s3.region().isBlank(), "archive.s3.region",
        "must name a region (any name, e.g. us-east-1, for stores that ignore it)");
    require(problems, s3.accessKeyId() != null && s3.secretAccessKey() != null
            && s3.accessKeyId().isEmpty() == s3.secretAccessKey().isEmpty(), "archive.s3.accessKeyId",
        "give both archive.s3.accessKeyId and archive.s3.secretAccessKey, or neither (AWS's default credentials)");
    require(problems, s3.stagingDir() != null, "archive.s3.stagingDir", "must be a directory (empty = the system's)");
  }

  private void ingestProblems(List<String> problems) {
    require(problems, !ingest.stateDir().isBlank(), "ingest.stateDir", "must name a directory");
    require(problems, ingest.bufferBytes() >= 1024 * 1024, "ingest.bufferBytes", "must be at least 1048576 (1 MiB)");
    require(problems, ingest.push().token() != null, "ingest.push.token", "must be text (empty = endpoint off)");
    require(problems, ingest.push().maxBodyBytes() >= 1024, "ingest.push.maxBodyBytes", "must be at least 1024");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < ingest.sources().size(); i++) {
      java.util.Map<String, Object> source = ingest.sources().get(i);
      String key = "ingest.sources[" + i + "]";
      if (source == null) {
        problems.add(key + ": must be a mapping with type and name");
        continue;
      }
      Object name = source.get("name");
      boolean named = name instanceof String n && n.matches("[A-Za-z0-9._-]{1,100}");
      require(problems, named, key + ".name", "must be 1..100 letters, digits, '.', '_' or '-'");
      require(problems, !named || names.add((String) name), key + ".name", "'" + name + "' is used twice");
      require(problems, source.get("type") instanceof String t && !t.isBlank(), key + ".type",
          "must name the kind of source, e.g. http-poll, mqtt");
    }
  }

  private void dispatchProblems(List<String> problems) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < dispatch.webhooks().size(); i++) {
      Dispatch.Webhook w = dispatch.webhooks().get(i);
      String key = "dispatch.webhooks[" + i + "]";
      if (w == null) {
        problems.add(key + ": must be a mapping with name and url");
        continue;
      }
      boolean named = w.name() != null && w.name().matches("[A-Za-z0-9._-]{1,100}");
      require(problems, named, key + ".name", "must be 1..100 letters, digits, '.', '_' or '-'");
      require(problems, !named || names.add(w.name()), key + ".name", "'" + w.name() + "' is used twice");
      require(problems, isHttpUrl(w.url()), key + ".url", "must be an absolute http:// or https:// URL");
    }
    require(problems, !dispatch.kinds().isEmpty() && dispatch.kinds().stream().noneMatch(k -> k == null || k.isBlank()),
        "dispatch.kinds", "must name at least one incident kind, e.g. accident");
    require(problems, dispatch.timeoutMs() >= 1, "dispatch.timeoutMs", "must be at least 1");
    Dispatch.Retry retry = dispatch.retry();
    require(problems, retry.maxAttempts() >= 1, "dispatch.retry.maxAttempts", "must be at least 1");
    require(problems, retry.initialBackoffMs() >= 1, "dispatch.retry.initialBackoffMs", "must be at least 1");
    require(problems, retry.maxBackoffMs() >= retry.initialBackoffMs(), "dispatch.retry.maxBackoffMs",
        "must be at least dispatch.retry.initialBackoffMs");
    require(problems, retry.multiplier() >= 1, "dispatch.retry.multiplier", "must be at least 1");
    String uri = dispatch.rabbitmq().uri();
    require(problems, uri != null && (uri.isEmpty() || uri.startsWith("amqp://") || uri.startsWith("amqps://")),
        "dispatch.rabbitmq.uri", "must be empty (no RabbitMQ) or an amqp:// or amqps:// URI");
    require(problems, dispatch.rabbitmq().exchange() != null && !dispatch.rabbitmq().exchange().isBlank(),
        "dispatch.rabbitmq.exchange", "must name an exchange");
  }

  /** Leaflet's tile URL template: absolute http(s) or a path on the dashboard's own server, with {z}, {x}, {y}. */
  private static boolean isTileUrl(String template) {
    if (!template.contains("{z}") || !template.contains("{x}") || !template.contains("{y}")) {
      return false;
    }
    // the placeholders ({s} subdomain, {r} retina suffix too) are not legal in a URI; check the rest
    String filled = template.replaceAll("\\{[a-z]}", "0");
    if (filled.startsWith("/") && !filled.startsWith("//")) {
      try {
        return new java.net.URI(filled).getPath() != null;
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    }
    return isHttpUrl(filled);
  }

  private static boolean isHttpUrl(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      return uri.isAbsolute() && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return false;
    }
  }

  private static void require(List<String> problems, boolean ok, String key, String message) {
    if (!ok) {
      problems.add(key + ": " + message);
    }
  }
}
