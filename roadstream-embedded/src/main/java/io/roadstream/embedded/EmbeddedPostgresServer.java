package io.roadstream.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (io.zonky embedded binaries, a child process) whose data directory the caller names:
 * an empty or missing directory is initialised with {@code initdb}, an existing cluster is started as it is, so
 * tables survive a restart. The server listens on 127.0.0.1 only, with trust authentication for {@link #user()}.
 *
 * <p>Running as root: PostgreSQL refuses to run as root, and zonky 2.2.x detects uid 0 by itself and wraps
 * {@code initdb}, {@code postgres} and {@code pg_ctl} in {@code unshare -U}, where the process runs as the
 * unmapped user (nobody) while keeping root's file ownership on the host. Nothing needs to be configured for that,
 * but user namespaces must be allowed (they are on Debian 12 and in Docker with the default seccomp profile).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** How long {@link #start()} waits for PostgreSQL to accept connections, unless told otherwise. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String SUPERUSER = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Path dataDirectory;
  private final int requestedPort;
  private final Duration startTimeout;
  private final Map<String, String> settings;

  private volatile EmbeddedPostgres postgres;
  private volatile boolean closed;

  /** A server on a free port. */
  public EmbeddedPostgresServer(Path dataDirectory) {
    this(dataDirectory, 0, DEFAULT_START_TIMEOUT);
  }

  /** A server on {@code port} (0 picks a free one). */
  public EmbeddedPostgresServer(Path dataDirectory, int port) {
    this(dataDirectory, port, DEFAULT_START_TIMEOUT);
  }

  /** A server on {@code port} (0 picks a free one) that must accept connections within {@code startTimeout}. */
  public EmbeddedPostgresServer(Path dataDirectory, int port, Duration startTimeout) {
    this(dataDirectory, port, startTimeout, Map.of());
  }

  /**
   * A server with {@code settings} given to {@code postgres} as {@code -c key=value}, e.g. {@code ssl=on} with
   * {@code ssl_cert_file} and {@code ssl_key_file}.
   */
  public EmbeddedPostgresServer(Path dataDirectory, int port, Duration startTimeout, Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
    }
    this.requestedPort = port;
    this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /**
   * Initialises the data directory when it holds no cluster yet, starts PostgreSQL and waits until it accepts
   * connections.
   *
   * @return this server, for chaining
   */
  public synchronized EmbeddedPostgresServer start() {
    if (closed) {
      throw new IllegalStateException("server was closed; create a new EmbeddedPostgresServer to restart");
    }
    if (postgres != null) {
      return this;
    }
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDirectory.getParent());
      boolean existing = Files.exists(dataDirectory.resolve("PG_VERSION"));
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", HOST)
          .setPGStartupWait(startTimeout);
      if (requestedPort != 0) {
        builder.setPort(requestedPort);
      }
      settings.forEach(builder::setServerConfig);
      postgres = builder.start();
      LOG.info("PostgreSQL started at {} ({} data directory {}) in {} ms", jdbcUrl(),
          existing ? "existing" : "new", dataDirectory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL in " + dataDirectory + " failed to start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("PostgreSQL in " + dataDirectory + " failed to start: " + e.getMessage(), e);
    }
    return this;
  }

  /** JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** JDBC URL of {@code database} on this server (see {@link #createDatabaseIfAbsent(String)}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
  }

  /** The superuser, {@code postgres}. */
  public String user() {
    return SUPERUSER;
  }

  /** The empty string: local connections use trust authentication, so any password is accepted. */
  public String password() {
    return "";
  }

  public int port() {
    EmbeddedPostgres pg = postgres;
    if (pg == null) {
      throw new IllegalStateException("server not started");
    }
    return pg.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Creates {@code database} (a lower-case SQL identifier) unless it exists; returns whether it was created. */
  public boolean createDatabaseIfAbsent(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + database);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password())) {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        q.setString(1, database);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  /** Stops PostgreSQL (fast shutdown); the data directory is kept. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    EmbeddedPostgres pg = postgres;
    if (pg == null) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop PostgreSQL in " + dataDirectory, e);
    }
    LOG.info("PostgreSQL in {} stopped in {} ms", dataDirectory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }
}
