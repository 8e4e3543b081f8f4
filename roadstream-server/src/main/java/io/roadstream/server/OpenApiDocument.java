package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description of the HTTP API, written as {@code openapi.yaml} beside the code (where a reviewer reads it)
 * and served as JSON at {@code /openapi.json}. A test holds it to the routes the server really has and to the JSON
 * they really answer.
 */
final class OpenApiDocument {

  static final String RESOURCE = "/openapi.yaml";

  private OpenApiDocument() {}

  static String json(ObjectMapper json) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server's jar");
      }
      return json.writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
