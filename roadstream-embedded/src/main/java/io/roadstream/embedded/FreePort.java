package io.roadstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port nothing listens on right now, for servers that must be told their port up front. The probe socket closes
 * before the server binds, so another process may take the port in between: callers that can, retry on a bind failure.
 */
public final class FreePort {

  private FreePort() {}

  /** A free port on {@code host} (an address of this machine, or 0.0.0.0 for all of them). */
  public static int on(String host) {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host + " (is it an address of this machine?)", e);
    }
  }
}
