package io.roadstream.store.live;

/**
 * The names of the live view in Redis, all under one prefix (redis.keyPrefix): an entry is the string
 * {@code <prefix><kind>:<id>} (a JSON {@link LiveEntry}, with the entry's TTL), each kind has a sorted set
 * {@code <prefix>index:<kind>} of its ids scored by expiry time (so a reader lists them without scanning the
 * keyspace), and every change is published on {@code <prefix>changes}.
 */
public record LiveKeys(String prefix) {

  public LiveKeys {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("the live view's key prefix must not be empty");
    }
  }

  public String entry(LiveKind kind, String id) {
    return prefix + kind.word() + ":" + id;
  }

  public String index(LiveKind kind) {
    return prefix + "index:" + kind.word();
  }

  public String channel() {
    return prefix + "changes";
  }

  /** Every key pattern of this prefix, for cleaning up (tests, a decommissioned deployment). */
  public String pattern() {
    return prefix + "*";
  }
}
