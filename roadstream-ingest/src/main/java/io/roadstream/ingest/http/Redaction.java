package io.roadstream.ingest.http;

import java.net.URI;

/**
 * What of a URL may appear in logs, exceptions and dead letters: scheme, host, port and path. Queries are left
 * out because APIs take keys as query parameters (TomTom's {@code ?key=…}), and next links may echo them.
 */
final class Redaction {

  private Redaction() {}

  static String describe(String url) {
    try {
      return url == null ? "null" : describe(new URI(url));
    } catch (java.net.URISyntaxException e) {
      return "(an invalid URL)";
    }
  }

  static String describe(URI uri) {
    if (uri.getHost() == null) {
      return "(a URL without host)";
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
