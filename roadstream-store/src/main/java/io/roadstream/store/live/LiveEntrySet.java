package io.roadstream.store.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A server's copy of the live view: one entry per (kind, id), replaced only by a newer one (the same rule as the
 * script in Redis), so messages and reloads may arrive in any order and any number of times. Thread-safe.
 */
public final class LiveEntrySet {

  private final Map<String, LiveEntry> entries = new HashMap<>();

  /** Keeps {@code entry} if it is newer than what is held for its slot; returns it then, else empty. */
  public synchronized Optional<LiveEntry> apply(LiveEntry entry) {
    LiveEntry held = entries.get(entry.slot());
    if (!entry.isNewerThan(held)) {
      return Optional.empty();
    }
    entries.put(entry.slot(), entry);
    return Optional.of(entry);
  }

  /**
   * Takes what Redis holds now: every loaded entry newer than the held one replaces it, and held entries that Redis no
   * longer has (they expired) are dropped. Returns the entries that changed, in the order loaded.
   */
  public synchronized List<LiveEntry> reload(Collection<LiveEntry> loaded) {
    Set<String> present = new HashSet<>();
    List<LiveEntry> changed = new ArrayList<>();
    for (LiveEntry entry : loaded) {
      present.add(entry.slot());
      LiveEntry held = entries.get(entry.slot());
      if (entry.isNewerThan(held)) {
        entries.put(entry.slot(), entry);
        changed.add(entry);
      }
    }
    entries.keySet().retainAll(present);
    return changed;
  }

  /** The entries of {@code kind} that are neither removed (a cleared jam or incident) nor expired at {@code now}, by id. */
  public synchronized List<LiveEntry> current(LiveKind kind, long now) {
    return entries.values().stream()
        .filter(e -> e.kind() == kind && !e.removed() && !e.expiredAt(now))
        .sorted(Comparator.comparing(LiveEntry::id))
        .toList();
  }

  /** Forgets entries expired at {@code now} (Redis has forgotten them too), so ids that come and go do not pile up. */
  public synchronized void prune(long now) {
    entries.values().removeIf(e -> e.expiredAt(now));
  }

  public synchronized int size() {
    return entries.size();
  }
}
