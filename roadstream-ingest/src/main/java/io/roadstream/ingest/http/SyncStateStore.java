package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One poller's {@link SyncState.Saved} in a small JSON file, {@code <stateDir>/<name>.http-poll.json}. Writes go
 * to a temporary file that is synced and then renamed over the old one, so a crash leaves the old state or the
 * new one, never half of either.
 */
final class SyncStateStore {

  private final Path file;
  private final Path temp;
  private final ObjectMapper json = new ObjectMapper();

  SyncStateStore(Path stateDir, String name) {
    this.file = stateDir.resolve(name + ".http-poll.json");
    this.temp = stateDir.resolve(name + ".http-poll.json.tmp");
  }

  Path file() {
    return file;
  }

  /**
   * @return the saved state, or the empty one when none was saved yet
   * @throws IOException when the file exists but cannot be read: starting over would ingest everything again
   */
  SyncState.Saved load() throws IOException {
    if (!Files.exists(file)) {
      return SyncState.Saved.EMPTY;
    }
    try {
      return json.readValue(file.toFile(), SyncState.Saved.class);
    } catch (IOException e) {
      throw new IOException("poller state " + file + " is unreadable (" + e.getMessage().split("\n")[0]
          + "); fix or delete it (deleting re-ingests from the API's start)", e);
    }
  }

  void save(SyncState.Saved state) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
