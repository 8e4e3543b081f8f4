package io.roadstream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) running inside this JVM, with its log
 * directory in a directory the caller names. An empty or missing directory is formatted; a directory already
 * formatted for this node is reused, so topics and records survive a restart.
 *
 * <p>{@link #start()} returns once the broker answers a metadata request; {@link #close()} shuts it down. One
 * instance starts at most once. Kafka's own loggers are lowered to WARN unless the logging configuration sets a
 * level for them (see {@link KafkaLogLevels}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** The node id this broker formats its directory with and expects when reusing one. */
  public static final int NODE_ID = 1;

  /** How long {@link #start()} waits for the broker to answer before giving up, unless told otherwise. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final String META_PROPERTIES = "meta.properties";

  private final Path dataDirectory;
  private final int requestedPort;
  private final Map<String, String> overrides;
  private final Map<String, String> clientProperties;
  private final Duration startTimeout;

  private volatile KafkaRaftServer server;
  private volatile int port = -1;
  private volatile boolean started;
  private volatile boolean closed;

  /** A broker on a free port with default settings. */
  public EmbeddedKafkaBroker(Path dataDirectory) {
    this(dataDirectory, 0);
  }

  /** A broker on {@code port} (0 picks a free one) with default settings. */
  public EmbeddedKafkaBroker(Path dataDirectory, int port) {
    this(dataDirectory, port, Map.of(), DEFAULT_START_TIMEOUT);
  }

  /**
   * A broker on {@code port} (0 picks a free one); {@code overrides} are broker properties applied over the
   * single-node defaults (listeners, node id and log dirs cannot be overridden).
   */
  public EmbeddedKafkaBroker(Path dataDirectory, int port, Map<String, String> overrides, Duration startTimeout) {
    this(dataDirectory, port, overrides, Map.of(), startTimeout);
  }

  /**
   * As {@link #EmbeddedKafkaBroker(Path, int, Map, Duration)}, for a broker whose listener needs client settings, e.g.
   * one that {@code overrides} turn into SASL ({@code listener.security.protocol.map=PLAINTEXT:SASL_PLAINTEXT,…}):
   * the broker's own readiness check connects with {@code clientProperties}.
   */
  public EmbeddedKafkaBroker(Path dataDirectory, int port, Map<String, String> overrides,
      Map<String, String> clientProperties, Duration startTimeout) {
    this.clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
    }
    this.requestedPort = port;
    this.overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
    this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
    for (String reserved : List.of("node.id", "process.roles", "listeners", "advertised.listeners",
        "controller.quorum.voters", "controller.listener.names", "log.dirs", "log.dir")) {
      if (this.overrides.containsKey(reserved)) {
        throw new IllegalArgumentException("override '" + reserved + "' is managed by EmbeddedKafkaBroker");
      }
    }
  }

  /**
   * Formats the directory when needed, starts the broker and waits until it answers a metadata request.
   *
   * @return this broker, for chaining
   * @throws IllegalStateException if the broker did not come up within the start timeout, or the directory holds
   *     something that is not this node's Kafka log directory
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (closed) {
      throw new IllegalStateException("broker was closed; create a new EmbeddedKafkaBroker to restart");
    }
    if (started) {
      return this;
    }
    long t0 = System.nanoTime();
    KafkaLogLevels.quietUnlessConfigured();
    prepareDirectory();
    long deadline = t0 + startTimeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      int brokerPort = requestedPort == 0 ? freePort() : requestedPort;
      int controllerPort = freePort();
      while (controllerPort == brokerPort) {
        controllerPort = freePort();
      }
      try {
        startServer(brokerPort, controllerPort, deadline);
        break;
      } catch (PortTakenException e) {
        // a port picked here was taken between picking and binding: pick again
        if (attempt == 3 || e.port == requestedPort) {
          throw new IllegalStateException("Kafka broker in " + dataDirectory + " failed to start on port "
              + brokerPort + ": " + e.getCause(), e.getCause());
        }
        LOG.debug("port {} was taken, retrying with other ports", e.port);
      }
    }
    started = true;
    LOG.info("Kafka broker started at {} (data in {}) in {} ms", bootstrapServers(), dataDirectory,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return this;
  }

  private void startServer(int brokerPort, int controllerPort, long deadline) throws PortTakenException {
    KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(brokerProperties(brokerPort, controllerPort), false),
        Time.SYSTEM);
    this.server = raft;
    this.port = brokerPort;
    ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "embedded-kafka-startup");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<?> startup = starter.submit(raft::startup);
      startup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      awaitMetadata(deadline);
    } catch (TimeoutException e) {
      stopQuietly();
      throw new IllegalStateException("Kafka broker in " + dataDirectory + " did not start within " + startTimeout, e);
    } catch (ExecutionException e) {
      stopQuietly();
      StringBuilder messages = new StringBuilder();
      boolean bindFailure = false;
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        bindFailure |= c instanceof BindException;
        messages.append(c.getMessage()).append(' ');
      }
      if (bindFailure) {
        boolean controller = messages.indexOf(HOST + ":" + controllerPort) >= 0;
        throw new PortTakenException(controller ? controllerPort : brokerPort, e.getCause());
      }
      throw new IllegalStateException("Kafka broker in " + dataDirectory + " failed to start on port " + brokerPort
          + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly();
      throw new IllegalStateException("interrupted while starting the Kafka broker", e);
    } catch (RuntimeException e) {
      stopQuietly();
      throw e;
    } finally {
      starter.shutdownNow();
    }
  }

  /** A listener could not bind: which port. */
  private static final class PortTakenException extends Exception {
    private final int port;

    PortTakenException(int port, Throwable cause) {
      super("port " + port + " is taken", cause);
      this.port = port;
    }
  }

  /** {@code "127.0.0.1:port"}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port();
  }

  /** The broker's client port; known once {@link #start()} has been called. */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("broker not started");
    }
    return port;
  }

  /** The directory holding the broker's metadata and topic logs. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Whether {@link #start()} completed and {@link #close()} has not been called. */
  public boolean isRunning() {
    return started && !closed;
  }

  /** Shuts the broker down and waits for it; the data directory is kept. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (started) {
      long t0 = System.nanoTime();
      stopQuietly();
      LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }
  }

  private void stopQuietly() {
    KafkaRaftServer s = server;
    if (s == null) {
      return;
    }
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("error while stopping the Kafka broker in {}", dataDirectory, e);
    }
  }

  private Properties brokerProperties(int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDirectory.toString());

    // one node: every internal topic has a single replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("default.replication.factor", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // Flink's exactly-once Kafka sink asks for transaction.timeout.ms = 1 h by default
    p.put("transaction.max.timeout.ms", Long.toString(Duration.ofHours(1).toMillis()));

    // a laptop: keep a day, in segments small enough that a day's data is actually deleted
    p.put("log.retention.hours", "24");
    p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("log.roll.hours", "1");
    p.put("log.retention.check.interval.ms", Long.toString(Duration.ofMinutes(5).toMillis()));
    p.put("num.partitions", "1");

    p.putAll(overrides);
    return p;
  }

  /** Creates the directory, or checks it is this node's log directory, or formats it when empty. */
  private void prepareDirectory() {
    try {
      Files.createDirectories(dataDirectory);
      Path meta = dataDirectory.resolve(META_PROPERTIES);
      if (Files.exists(meta)) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
          props.load(in);
        }
        String nodeId = props.getProperty("node.id");
        if (!Integer.toString(NODE_ID).equals(nodeId)) {
          throw new IllegalStateException(dataDirectory + " is a Kafka log directory of node " + nodeId
              + ", not of node " + NODE_ID + "; point the broker at another directory");
        }
        LOG.debug("reusing Kafka log directory {} (cluster {})", dataDirectory, props.getProperty("cluster.id"));
        return;
      }
      try (Stream<Path> entries = Files.list(dataDirectory)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException(dataDirectory + " is not empty and holds no " + META_PROPERTIES
              + "; refusing to format it as a Kafka log directory");
        }
      }
      format();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka log directory " + dataDirectory, e);
    }
  }

  private void format() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(print)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(dataDirectory.toString())
          .setDirectories(List.of(dataDirectory.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka log directory " + dataDirectory + ": " + e, e);
    }
    LOG.debug("formatted {}: {}", dataDirectory, out.toString(StandardCharsets.UTF_8).trim());
  }

  private void awaitMetadata(long deadlineNanos) throws InterruptedException, TimeoutException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness-" + port);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    props.putAll(clientProperties);
    Exception last = null;
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadlineNanos) {
        try {
          List<Integer> ids = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
              .nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).toList();
          if (ids.contains(NODE_ID)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
      }
    }
    TimeoutException timeout = new TimeoutException("broker did not answer a metadata request");
    if (last != null) {
      timeout.initCause(last);
    }
    throw timeout;
  }

  private static int freePort() {
    return FreePort.on(HOST);
  }
}
