package io.roadstream.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream with java.net.http into a queue of events; waits are bounded. */
public final class SseTestClient implements AutoCloseable {

  /** One event: its name ({@code message} when the stream gave none) and its data. */
  public record Event(String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile Stream<String> lines;

  public SseTestClient(HttpClient http, URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
    response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(r -> {
      lines = r.body();
      String[] name = {"message"};
      StringBuilder data = new StringBuilder();
      try {
        lines.forEach(line -> {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new Event(name[0], data.toString()));
            }
            name[0] = "message";
            data.setLength(0);
          } else if (line.startsWith("event:")) {
            name[0] = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
          }
        });
      } catch (RuntimeException closed) {
        // the stream ends when the test closes it or the server stops
      }
    });
  }

  public int status(Duration timeout) throws Exception {
    return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
  }

  /** The first event (skipping others) that matches, or an AssertionError after {@code timeout}. */
  public Event await(Predicate<Event> wanted, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no SSE event " + what + " within " + timeout);
      }
      if (wanted.test(event)) {
        return event;
      }
    }
  }

  @Override
  public void close() {
    Stream<String> s = lines;
    if (s != null) {
      s.close();
    }
    response.cancel(true);
  }
}
