package io.roadstream.ingest.http;

import io.roadstream.ingest.connect.Connector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link Connector.Stop} the test sets; waits on it end at once when it is set. */
final class TestStop implements Connector.Stop {

  private final CountDownLatch latch = new CountDownLatch(1);

  void request() {
    latch.countDown();
  }

  @Override
  public boolean requested() {
    return latch.getCount() == 0;
  }

  @Override
  public boolean await(long millis) throws InterruptedException {
    return latch.await(millis, TimeUnit.MILLISECONDS);
  }
}
