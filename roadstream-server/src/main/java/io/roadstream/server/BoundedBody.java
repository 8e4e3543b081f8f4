package io.roadstream.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code maxBytes}: refuses at once when the declared Content-Length is larger, and
 * stops reading as soon as a body without one (chunked) grows past the limit, so a large body is never held in memory.
 */
final class BoundedBody {

  private final int maxBytes;
  private final String advice;

  /** A body for {@code POST /ingest/...}, whose limit is {@code ingest.push.maxBodyBytes}. */
  BoundedBody(int maxBytes) {
    this(maxBytes, "ingest.push.maxBodyBytes: send the records in smaller parts");
  }

  /** @param advice what the limit is and what to do instead, for the 413's message */
  BoundedBody(int maxBytes, String advice) {
    this.maxBytes = maxBytes;
    this.advice = advice;
  }

  /**
   * @param declaredLength the Content-Length, or -1 if none was sent
   * @throws ApiException 413 when the body is larger than the limit
   */
  byte[] read(long declaredLength, InputStream in) throws IOException {
    if (declaredLength > maxBytes) {
      throw tooLarge(declaredLength + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(String size) {
    return new ApiException(413, "the body holds " + size + "; at most " + maxBytes + " bytes are accepted ("
        + advice + ")");
  }
}
