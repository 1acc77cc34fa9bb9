package dev.ebb.worker.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-flight envelopes this process knows it holds (fetched and not yet acknowledged or failed), counted per
 * envelope. Anything else in its in-flight list got there without the process knowing: a fetch whose reply was lost
 * with the connection, or Redis restored from an older snapshot. {@link OrphanReclaimer} hands those back.
 */
public final class OwnedJobs {

  private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

  public void add(String envelope) {
    held.merge(envelope, 1, Integer::sum);
  }

  public void remove(String envelope) {
    held.computeIfPresent(envelope, (key, n) -> n == 1 ? null : n - 1);
  }

  public boolean contains(String envelope) {
    return held.containsKey(envelope);
  }

  public int size() {
    return held.size();
  }
}
