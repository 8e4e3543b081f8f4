package io.roadstream.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints Flink keeps in a local checkpoint directory: {@code <dir>/<job id>/chk-<n>/_metadata}, one job
 * directory per run. A checkpoint counts only once its {@code _metadata} is written, which Flink does last.
 */
public final class RetainedCheckpoints {

  private RetainedCheckpoints() {}

  /** The most recently completed checkpoint of any run under {@code dir}, or empty. */
  public static Optional<Path> latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(dir)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(RetainedCheckpoints::checkpointsOf)
          .filter(chk -> Files.isRegularFile(chk.resolve("_metadata")))
          .max(Comparator.comparing(chk -> modified(chk.resolve("_metadata"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  /** How many completed checkpoints there are under {@code dir}, over all runs. */
  public static long count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> jobs = Files.list(dir)) {
      return jobs.filter(Files::isDirectory).flatMap(RetainedCheckpoints::checkpointsOf)
          .filter(chk -> Files.isRegularFile(chk.resolve("_metadata"))).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  private static Stream<Path> checkpointsOf(Path jobDir) {
    try (Stream<Path> entries = Files.list(jobDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("chk-")).toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
