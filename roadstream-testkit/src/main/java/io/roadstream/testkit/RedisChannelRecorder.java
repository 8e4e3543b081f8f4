package io.roadstream.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Every message published on one channel, heard by a plain subscription of its own (not the code under test). */
public final class RedisChannelRecorder implements AutoCloseable {

  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final JedisPubSub pubSub = new JedisPubSub() {
    @Override
    public void onSubscribe(String channel, int count) {
      subscribed.countDown();
    }

    @Override
    public void onMessage(String channel, String message) {
      messages.add(message);
    }
  };
  private final Thread thread;

  /** Subscribes to {@code channel} on the server at {@code host:port} and returns once Redis confirmed it. */
  public RedisChannelRecorder(String host, int port, String channel) throws InterruptedException {
    thread = new Thread(() -> {
      try (Jedis jedis = new Jedis(new HostAndPort(host, port))) {
        jedis.subscribe(pubSub, channel);
      }
    }, "channel-recorder");
    thread.setDaemon(true);
    thread.start();
    if (!subscribed.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("could not subscribe to " + channel + " within 10 s");
    }
  }

  /** What was heard so far, in order. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void close() throws InterruptedException {
    pubSub.unsubscribe();
    thread.join(5_000);
  }
}
