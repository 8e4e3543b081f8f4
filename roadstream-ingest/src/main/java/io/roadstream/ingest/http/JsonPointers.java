package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;

/** JSON Pointers (RFC 6901) as configured: {@code ""} is the whole document, anything else starts with '/'. */
final class JsonPointers {

  private JsonPointers() {}

  /** @throws IllegalArgumentException saying what a pointer must look like */
  static JsonPointer compile(String expression) {
    if (expression == null || (!expression.isEmpty() && !expression.startsWith("/"))) {
      throw new IllegalArgumentException("'" + expression + "' is not a JSON Pointer: it must be empty or start with"
          + " '/', e.g. /data/items");
    }
    try {
      return JsonPointer.compile(expression);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + expression + "' is not a JSON Pointer: " + e.getMessage());
    }
  }

  static boolean isValid(String expression) {
    try {
      compile(expression);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
