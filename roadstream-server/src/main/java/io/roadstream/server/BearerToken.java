package io.roadstream.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks an {@code Authorization: Bearer <token>} header against the configured token in constant time: both are
 * hashed first, so neither the token's characters nor its length show in how long a refusal takes. Never logs or
 * prints the token.
 */
final class BearerToken {

  private static final String SCHEME = "bearer ";

  private final byte[] expectedDigest;

  /** @param token non-empty */
  BearerToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a bearer token must not be empty");
    }
    this.expectedDigest = sha256(token);
  }

  /** True if {@code authorization} (the header's value, or null) carries the token. */
  boolean accepts(String authorization) {
    if (authorization == null || authorization.length() < SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    return matches(authorization.substring(SCHEME.length()).strip());
  }

  /** True if {@code candidate} (a token as given, e.g. from a cookie, or null) is the token. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(expectedDigest, sha256(candidate));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
