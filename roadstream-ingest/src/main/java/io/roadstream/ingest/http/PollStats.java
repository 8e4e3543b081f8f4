package io.roadstream.ingest.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one poller since it was created, safe to read from another thread (metrics, tests). A retry is a
 * request sent again after a failed one, whatever the failure; a 429 counts as rate-limited and, when retried, as
 * a retry too.
 */
public final class PollStats {

  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong pagesFetched = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  /** Polls started. */
  public long polls() {
    return polls.get();
  }

  /** Pages answered with a 2xx, readable or not. */
  public long pagesFetched() {
    return pagesFetched.get();
  }

  /** 429 Too Many Requests answers. */
  public long rateLimited() {
    return rateLimited.get();
  }

  public long retries() {
    return retries.get();
  }

  /** Events handed to the sink. */
  public long events() {
    return events.get();
  }

  /** Records and pages handed to the sink as rejected. */
  public long rejected() {
    return rejected.get();
  }

  /** Records dropped because an earlier poll already delivered them. */
  public long duplicates() {
    return duplicates.get();
  }

  void countPoll() {
    polls.incrementAndGet();
  }

  void countPage() {
    pagesFetched.incrementAndGet();
  }

  void countRateLimited() {
    rateLimited.incrementAndGet();
  }

  void countRetry() {
    retries.incrementAndGet();
  }

  void countEvent() {
    events.incrementAndGet();
  }

  void countRejected() {
    rejected.incrementAndGet();
  }

  void countDuplicate() {
    duplicates.incrementAndGet();
  }

  @Override
  public String toString() {
    return "polls=" + polls + " pages=" + pagesFetched + " 429s=" + rateLimited + " retries=" + retries + " events="
        + events + " rejected=" + rejected + " duplicates=" + duplicates;
  }
}
