package io.roadstream.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Something a user names either by the name of a copy bundled with roadstream (a network, a scenario) or by a file
 * path: the bundled copy wins, else the file is read, else the error says both what is bundled and what was tried.
 *
 * @param name   the name to show in messages: the bundled name, or the file name without its extension
 * @param source where it came from: {@code bundled:NAME} or the path
 */
public record NamedResource(String name, String source, byte[] content) {

  /**
   * @param kind      what it is, for messages ("road network", "scenario")
   * @param folder    the classpath folder of the bundled copies, e.g. {@code /networks}
   * @param extension the bundled copies' extension, e.g. {@code .geojson}
   * @param bundled   the bundled names, for the error message
   */
  public static NamedResource read(String nameOrPath, String kind, String folder, String extension, String bundled) {
    try (InputStream in = NamedResource.class.getResourceAsStream(folder + "/" + nameOrPath + extension)) {
      if (in != null) {
        return new NamedResource(nameOrPath, "bundled:" + nameOrPath, in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + kind + " '" + nameOrPath + "'", e);
    }
    Path path = Path.of(nameOrPath);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(kind + " '" + nameOrPath + "' is neither a bundled " + kind + " (" + bundled
          + ") nor a readable file");
    }
    try {
      String fileName = path.getFileName().toString();
      int dot = fileName.indexOf('.');
      return new NamedResource(dot > 0 ? fileName.substring(0, dot) : fileName, path.toString(),
          Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kind + " " + path + ": " + e.getMessage(), e);
    }
  }
}
