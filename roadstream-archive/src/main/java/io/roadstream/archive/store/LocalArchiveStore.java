package io.roadstream.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An archive in a local directory. A file is written as {@code .<name>.inprogress} beside its final place, flushed
 * to the disk, and renamed atomically over its final name; the directory is flushed after the rename, so a published
 * file survives a power cut.
 */
public final class LocalArchiveStore implements ArchiveStore {

  static final String IN_PROGRESS = ".inprogress";

  private final Path root;

  public LocalArchiveStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public Staged stage(String relative) throws IOException {
    Path target = resolve(relative);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + IN_PROGRESS);
    return new Staged() {
      @Override
      public Path file() {
        return temp;
      }

      @Override
      public void publish() throws IOException {
        if (!Files.exists(temp) && Files.exists(target)) {
          return; // published before
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
      }

      @Override
      public void discard() {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for reading; the rename itself is still atomic
      if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
        return;
      }
      throw e;
    }
  }

  @Override
  public List<StoredFile> list(String directory) throws IOException {
    Path dir = directory.isEmpty() ? root : resolve(directory);
    List<StoredFile> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        try {
          files.add(new StoredFile(relativize(p), Files.size(p)));
        } catch (NoSuchFileException e) {
          // renamed or removed while we looked: it is not there
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  @Override
  public void delete(String relative) throws IOException {
    Files.deleteIfExists(resolve(relative));
  }

  @Override
  public Fetched fetch(String relative) throws IOException {
    Path file = resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return new Fetched() {
      @Override
      public Path file() {
        return file;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public void close() {}

  private Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("'" + relative + "' is outside the archive " + root);
    }
    return p;
  }

  private String relativize(Path p) {
    return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
  }
}
