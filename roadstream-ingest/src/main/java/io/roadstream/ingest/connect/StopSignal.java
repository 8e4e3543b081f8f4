package io.roadstream.ingest.connect;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link Connector.Stop} that is set once by {@link #request()}; waits on it end at once when it is. */
public final class StopSignal implements Connector.Stop {

  private final CountDownLatch latch = new CountDownLatch(1);

  public void request() {
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
