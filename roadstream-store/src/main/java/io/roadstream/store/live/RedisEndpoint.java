package io.roadstream.store.live;

import io.roadstream.core.config.RoadstreamConfig;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Where Redis is and how to talk to it, from {@code redis.uri}: {@code redis://[user:password@]host[:port][/db]}, or
 * {@code rediss://} for TLS. Every call has a timeout, so an unreachable Redis makes callers fail (and retry) rather
 * than hang.
 */
public final class RedisEndpoint {

  private final URI uri;
  private final HostAndPort hostAndPort;
  private final JedisClientConfig clientConfig;

  /**
   * @param timeout connect and read timeout of each call
   */
  public RedisEndpoint(String uri, Duration timeout) {
    this.uri = URI.create(uri);
    if (!JedisURIHelper.isValid(this.uri)) {
      throw new IllegalArgumentException("redis.uri: not a redis:// or rediss:// URI with a host: "
          + RoadstreamConfig.Redis.redacted(uri));
    }
    this.hostAndPort = JedisURIHelper.getHostAndPort(this.uri);
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) timeout.toMillis())
        .socketTimeoutMillis((int) timeout.toMillis())
        .ssl(JedisURIHelper.isRedisSSLScheme(this.uri))
        .resp2() // pub/sub replies as plain arrays, PING allowed while subscribed: same on every server version
        .clientName("roadstream");
    String password = JedisURIHelper.getPassword(this.uri);
    if (password != null) {
      config.user(JedisURIHelper.getUser(this.uri)).password(password);
    }
    if (JedisURIHelper.hasDbIndex(this.uri)) {
      config.database(JedisURIHelper.getDBIndex(this.uri));
    }
    this.clientConfig = config.build();
  }

  /** A pooled client for commands; borrowing waits at most as long as one call may take. */
  public RedisClient pooledClient() {
    GenericObjectPoolConfig<redis.clients.jedis.Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(8);
    pool.setMaxWait(Duration.ofMillis(clientConfig.getConnectionTimeoutMillis()));
    pool.setJmxEnabled(false);
    return RedisClient.builder().hostAndPort(hostAndPort).clientConfig(clientConfig).poolConfig(pool).build();
  }

  /** One connection of its own, for a subscription (which holds its connection for as long as it lasts). */
  public Jedis dedicatedConnection() {
    return new Jedis(hostAndPort, clientConfig);
  }

  /** Host and port, never the password. */
  @Override
  public String toString() {
    return (JedisURIHelper.isRedisSSLScheme(uri) ? "rediss://" : "redis://") + hostAndPort;
  }
}
