package io.roadstream.testkit;

import io.roadstream.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one real in-process Kafka broker ({@link EmbeddedKafkaBroker}) per test class, in
 * a fresh temporary directory, and stops it and deletes the directory after the class. {@code @Nested} classes share
 * their enclosing class's broker. Tests receive it, or a {@link KafkaTestClients} bound to it, as parameters of a
 * constructor, lifecycle method or test method:
 *
 * <pre>{@code
 * @ExtendWith(KafkaTestBroker.class)
 * class SegmentStatsIT {
 *   @Test void aggregates(KafkaTestClients kafka) {
 *     String topic = kafka.createTopic("readings", 2);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The broker lives in JUnit's extension store of the class that started it; nothing is kept in static state.
 */
public final class KafkaTestBroker implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaTestBroker.class);
  private static final String KEY = "broker";

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() only looks at this context's own store: a @Nested class leaves its enclosing class's broker alone
    Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
    if (running != null) {
      running.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaBroker.class || type == KafkaTestClients.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running = running(context);
    return parameter.getParameter().getType() == EmbeddedKafkaBroker.class ? running.broker : running.clients;
  }

  /** The broker serving {@code context}'s test class; for other extensions that need its address. */
  public static EmbeddedKafkaBroker broker(ExtensionContext context) {
    return running(context).broker;
  }

  /** Finds the broker of this class or an enclosing one, or starts one for this class. */
  private static Running running(ExtensionContext context) {
    Running existing = context.getStore(NAMESPACE).get(KEY, Running.class);
    if (existing != null) {
      return existing;
    }
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> Running.start(), Running.class);
  }

  /**
   * A started broker, its clients and its directory. AutoCloseable so that JUnit's store also closes it if it was
   * created outside a class context (e.g. the extension registered on a single method).
   */
  private static final class Running implements AutoCloseable {
    private final Path directory;
    private final EmbeddedKafkaBroker broker;
    private final KafkaTestClients clients;
    private boolean closed;

    private Running(Path directory, EmbeddedKafkaBroker broker) {
      this.directory = directory;
      this.broker = broker;
      this.clients = new KafkaTestClients(broker.bootstrapServers());
    }

    static Running start() {
      Path directory;
      try {
        directory = Files.createTempDirectory("roadstream-kafka-test-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the test broker", e);
      }
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(directory.resolve("kafka"));
      try {
        broker.start();
      } catch (RuntimeException e) {
        broker.close();
        deleteRecursively(directory);
        throw e;
      }
      return new Running(directory, broker);
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        clients.close();
      } finally {
        try {
          broker.close();
        } finally {
          deleteRecursively(directory);
        }
      }
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
