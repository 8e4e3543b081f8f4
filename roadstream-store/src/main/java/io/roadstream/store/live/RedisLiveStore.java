package io.roadstream.store.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The live view's data in Redis (layout: {@link LiveKeys}). {@link #write} applies entries with one small Lua script
 * each, atomically: the entry is stored (with its TTL), indexed and published only if it is newer than the one
 * there (see {@link LiveEntry}), so a late update of an older window never overwrites the live picture, and a replayed
 * record neither changes anything nor is announced again. {@link #load} reads what is there now.
 */
public final class RedisLiveStore implements AutoCloseable {

  /**
   * KEYS: entry key, index key. ARGV: order major, order minor, TTL ms, expires-at ms, entry JSON, id, now ms,
   * channel. Returns 1 when the entry was written (and published), 0 when the stored one is as new or newer.
   */
  static final String APPLY_SCRIPT = """
      local old = redis.call('GET', KEYS[1])
      if old then
        local order = cjson.decode(old)['order']
        local major, minor = tonumber(ARGV[1]), tonumber(ARGV[2])
        if order[1] > major or (order[1] == major and order[2] >= minor) then
          return 0
        end
      end
      redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[3])
      redis.call('ZADD', KEYS[2], ARGV[4], ARGV[6])
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[7])
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      redis.call('PUBLISH', ARGV[8], ARGV[5])
      return 1
      """;

  private static final int BATCH = 500;

  private final RedisClient redis;
  private final LiveKeys keys;
  private final LiveEntryJson json = new LiveEntryJson();
  private volatile String scriptSha;

  public RedisLiveStore(RedisEndpoint endpoint, LiveKeys keys) {
    this.redis = endpoint.pooledClient();
    this.keys = keys;
  }

  public LiveKeys keys() {
    return keys;
  }

  /**
   * Applies the entries in order and returns how many changed the view (each of which was published once).
   *
   * @param now wall-clock time of the write, epoch ms: each entry is stamped with it and lives its TTL from then (a
   *            write retried through an outage is as fresh as the moment it lands)
   * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached; nothing is known to be
   *         written, and writing the same entries again is safe
   */
  public int write(List<LiveEntry> entries, long now) {
    try {
      return apply(entries, now);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
        throw e;
      }
      // Redis restarted or its script cache was flushed: load the script again and repeat (the entries are
      // idempotent, so those applied before the error are skipped)
      scriptSha = null;
      return apply(entries, now);
    }
  }

  private int apply(List<LiveEntry> entries, long now) {
    String sha = scriptSha();
    List<Response<Object>> results = new ArrayList<>(entries.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (LiveEntry entry : entries) {
        LiveEntry e = entry.stampedAt(now);
        long ttl = e.expiresAt() - now;
        results.add(pipeline.evalsha(sha, List.of(keys.entry(e.kind(), e.id()), keys.index(e.kind())),
            List.of(Long.toString(e.orderMajor()), Long.toString(e.orderMinor()), Long.toString(ttl),
                Long.toString(e.expiresAt()), json.write(e), e.id(), Long.toString(now), keys.channel())));
      }
      pipeline.sync();
    }
    int changed = 0;
    for (Response<Object> r : results) {
      if (Long.valueOf(1).equals(r.get())) {
        changed++;
      }
    }
    return changed;
  }

  private String scriptSha() {
    String sha = scriptSha;
    if (sha == null) {
      sha = redis.scriptLoad(APPLY_SCRIPT);
      scriptSha = sha;
    }
    return sha;
  }

  /** Every entry of the view that has not expired at {@code now} (tombstones of cleared jams and incidents too). */
  public List<LiveEntry> load(long now) {
    List<LiveEntry> entries = new ArrayList<>();
    for (LiveKind kind : LiveKind.values()) {
      List<String> ids = redis.zrangeByScore(keys.index(kind), "(" + now, "+inf");
      for (int from = 0; from < ids.size(); from += BATCH) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
        List<String> values = redis.mget(chunk.stream().map(id -> keys.entry(kind, id)).toArray(String[]::new));
        for (String value : values) {
          if (value != null) { // expired between the two calls
            entries.add(json.read(value));
          }
        }
      }
    }
    return entries;
  }

  /** Whether Redis answers now. */
  public boolean ping() {
    return "PONG".equalsIgnoreCase(redis.ping());
  }

  /**
   * Deletes every key under the prefix: for tests, and for a deployment that is taken down. Live materializers
   * would write again at once.
   */
  public long deleteAll() {
    long deleted = 0;
    ScanParams params = new ScanParams().match(keys.pattern()).count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      Collection<String> found = page.getResult();
      if (!found.isEmpty()) {
        deleted += redis.unlink(found.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return deleted;
  }

  @Override
  public void close() {
    redis.close();
  }
}
