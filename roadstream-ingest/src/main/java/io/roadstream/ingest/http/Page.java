package io.roadstream.ingest.http;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * One page an API answered with a 2xx, as bytes: whether it is JSON is the poller's to find out.
 *
 * @param number    1-based within the poll
 * @param fetchedAt epoch ms when the answer arrived
 */
record Page(URI uri, int number, HttpHeaders headers, byte[] body, long fetchedAt) {

  /** Where the page came from, for people and dead letters; no query, which may hold keys. */
  String location() {
    return "GET " + Redaction.describe(uri) + " page " + number;
  }
}
