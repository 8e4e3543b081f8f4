package io.roadstream.embedded;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 3.1.1 broker (Moquette) in this JVM, for {@code roadstream demo} and tests: anonymous clients, plain
 * TCP on the given host and port (0 picks a free one, see {@link #port()}), sessions and queued QoS 1 messages kept
 * in {@code dataDirectory} so a persistent subscriber gets what was published while it was away. No telemetry, no
 * WebSocket listener (its default port, 8080, is the dashboard's).
 *
 * <p>{@link #start()} starts it and returns; {@link #run()} starts it and blocks until {@link #close()}, so it can run
 * as a background task. Closing stops it and keeps the data directory.
 */
public final class EmbeddedMqttBroker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
  private static final int BIND_ATTEMPTS = 3;

  private final Path dataDirectory;
  private final String host;
  private final int requestedPort;
  private final CountDownLatch closedSignal = new CountDownLatch(1);
  private Server server;
  private int boundPort;
  private boolean closed;

  /** A broker on 127.0.0.1 and a free port. */
  public EmbeddedMqttBroker(Path dataDirectory) {
    this(dataDirectory, "127.0.0.1", 0);
  }

  /**
   * @param host where to listen: 127.0.0.1 for this machine only, 0.0.0.0 for devices on the network (anyone who
   *             reaches the port may publish: the broker takes anonymous clients)
   * @param port 0 picks a free one
   */
  public EmbeddedMqttBroker(Path dataDirectory, String host, int port) {
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
    this.host = Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
    }
    this.requestedPort = port;
  }

  /** Starts listening; returns this broker once it accepts connections. Idempotent. */
  public synchronized EmbeddedMqttBroker start() {
    if (closed) {
      throw new IllegalStateException("broker was closed; create a new EmbeddedMqttBroker to restart");
    }
    if (server != null) {
      return this;
    }
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("MQTT broker data directory " + dataDirectory + " cannot be created: "
          + e.getMessage(), e);
    }
    if (requestedPort != 0) {
      server = startOn(requestedPort);
      if (server == null) {
        throw new IllegalStateException("MQTT port " + host + ":" + requestedPort + " is in use: stop what listens "
            + "there, or choose another port");
      }
      boundPort = requestedPort;
    } else {
      // a free port chosen here, not port 0: Moquette learns a bound port on its event loop after startServer returns
      // and keeps it in a plain HashMap that getPort() writes too (computeIfAbsent), so asking it while it learns can
      // lose the answer for good. Another process can take the port between the probe and the bind: try another.
      for (int attempt = 1; server == null; attempt++) {
        if (attempt > BIND_ATTEMPTS) {
          throw new IllegalStateException("MQTT broker found no free port on " + host + " in " + BIND_ATTEMPTS
              + " attempts");
        }
        boundPort = FreePort.on(host);
        server = startOn(boundPort);
      }
    }
    LOG.info("MQTT broker listening on {}:{} (data in {}) after {} ms", host, boundPort, dataDirectory,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return this;
  }

  /** A started Moquette on {@code port} (its start returns once the port is bound), or null when it is in use. */
  private Server startOn(int port) {
    Properties p = new Properties();
    p.setProperty("host", host);
    p.setProperty("port", String.valueOf(port));
    p.setProperty("websocket_port", "disabled");
    p.setProperty("allow_anonymous", "true");
    // any client must be able to publish: mosquitto_pub and others connect with an empty client id and a clean session
    p.setProperty("allow_zero_byte_client_id", "true");
    p.setProperty("persistence_enabled", "true");
    // Moquette appends file names to data_path as text, so it needs the trailing separator
    p.setProperty("data_path", dataDirectory.toString() + "/");
    p.setProperty("telemetry_enabled", "false");
    // write each packet at once: the demo's traffic is small, and buffering adds up to 10 ms per message
    p.setProperty("immediate_buffer_flush", "true");
    Server s = new Server();
    try {
      s.startServer(new MemoryConfig(p));
      return s;
    } catch (IOException e) {
      s.stopServer();
      throw new UncheckedIOException("MQTT broker in " + dataDirectory + " failed to start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Moquette wraps a failed bind in a RuntimeException, after starting its other parts: stop those
      s.stopServer();
      if (e.getCause() instanceof BindException) {
        LOG.info("MQTT port {}:{} is in use ({})", host, port, e.getCause().getMessage());
        return null;
      }
      throw e;
    }
  }

  /** Starts the broker (if it is not running yet) and returns only when it is closed. */
  @Override
  public void run() {
    start();
    try {
      closedSignal.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The port it listens on, the bound one when constructed with 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("broker not started");
    }
    return boundPort;
  }

  /** {@code tcp://host:port}, for clients. */
  public String uri() {
    return "tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the broker and keeps its data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closedSignal.countDown();
    if (server != null) {
      server.stopServer();
      LOG.info("MQTT broker in {} stopped", dataDirectory);
    }
  }
}
