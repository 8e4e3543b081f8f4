package io.roadstream.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on an ephemeral port of 127.0.0.1 in front of a real server, to inject network faults: {@link #cut()}
 * closes every live connection and refuses new ones (accepted, then closed at once, as a firewall's reset would
 * look to a client), {@link #restore()} lets connections through again. Clients see exactly what a network outage
 * shows them; the server behind stays up.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tcp-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean cut;

  private TcpProxy(InetSocketAddress target, ServerSocket server) {
    this.target = target;
    this.server = server;
  }

  /** Starts forwarding connections to {@code host:port}. */
  public static TcpProxy start(String host, int port) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), server);
      proxy.threads.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a proxy port", e);
    }
  }

  /** The port clients connect to instead of the target's. */
  public int port() {
    return server.getLocalPort();
  }

  /** Closes every connection through the proxy and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket s : live) {
      closeQuietly(s);
    }
  }

  /** Lets new connections through again (the ones cut stay closed, as after a real outage). */
  public void restore() {
    cut = false;
  }

  /** Connections refused while cut: evidence that a client tried to reach the server during the outage. */
  public int refused() {
    return refused.get();
  }

  @Override
  public void close() {
    closeQuietly(server);
    cut();
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (cut) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      threads.execute(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    live.add(client);
    live.add(upstream);
    try {
      upstream.connect(target, 5_000);
      // a cut while connecting must not leave this pair open
      if (cut) {
        throw new SocketException("cut while connecting");
      }
      threads.execute(() -> pipe(upstream, client));
      pipe(client, upstream);
    } catch (IOException e) {
      closeBoth(client, upstream);
    }
  }

  /** Copies one direction until either side closes, then closes both so the other direction ends too. */
  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // a cut or the other side closing: either way this connection is over
    } finally {
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    live.remove(a);
    live.remove(b);
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing is all we want; a socket already closed is fine
    }
  }
}
