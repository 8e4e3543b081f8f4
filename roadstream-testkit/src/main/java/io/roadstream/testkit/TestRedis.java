package io.roadstream.testkit;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The machine's Redis server (127.0.0.1:6379; override with ROADSTREAM_TEST_REDIS_URI), with a key prefix of the
 * test's own: everything the test writes is under {@link #prefix()}, and {@link #close()} deletes it. Reads go
 * straight to the server, never through the code under test.
 */
public final class TestRedis implements AutoCloseable {

  public static final String URI_STRING =
      System.getenv().getOrDefault("ROADSTREAM_TEST_REDIS_URI", "redis://127.0.0.1:6379");

  private final String prefix;
  private final Jedis jedis;

  private TestRedis(String prefix) {
    this.prefix = prefix;
    URI uri = URI.create(URI_STRING);
    this.jedis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()));
  }

  /** A new prefix named after the test: {@code t:<name>:<random>:}. */
  public static TestRedis isolated(String testName) {
    String name = testName.replaceAll("[^A-Za-z0-9-]", "-").toLowerCase(Locale.ROOT);
    return new TestRedis("t:" + name + ":" + UUID.randomUUID().toString().substring(0, 8) + ":");
  }

  public String prefix() {
    return prefix;
  }

  public String uri() {
    return URI_STRING;
  }

  public String host() {
    return URI.create(URI_STRING).getHost();
  }

  public int port() {
    int port = URI.create(URI_STRING).getPort();
    return port < 0 ? 6379 : port;
  }

  /** A direct connection to the server, for reading what the test checks; closed with this. */
  public synchronized Jedis direct() {
    return jedis;
  }

  /** The keys under the prefix. */
  public synchronized List<String> keys() {
    return scan().stream().sorted().toList();
  }

  @Override
  public synchronized void close() {
    List<String> keys = scan();
    if (!keys.isEmpty()) {
      jedis.del(keys.toArray(String[]::new));
    }
    jedis.close();
  }

  private List<String> scan() {
    java.util.ArrayList<String> found = new java.util.ArrayList<>();
    ScanParams params = new ScanParams().match(prefix + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      found.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return found;
  }
}
