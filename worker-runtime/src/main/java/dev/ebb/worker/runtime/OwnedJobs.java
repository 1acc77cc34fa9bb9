package dev.ebb.worker.runtime;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-flight elements this process knows it holds (fetched and not yet acknowledged or failed), counted per
 * element and compared byte for byte. Anything else in its in-flight list got there without the process knowing: a
 * fetch whose reply was lost with the connection, or Redis restored from an older snapshot. {@link OrphanReclaimer}
 * hands those back.
 */
public final class OwnedJobs {

  private final ConcurrentHashMap<ByteBuffer, Integer> held = new ConcurrentHashMap<>();

  public void add(byte[] element) {
    held.merge(ByteBuffer.wrap(element), 1, Integer::sum);
  }

  public void remove(byte[] element) {
    held.computeIfPresent(ByteBuffer.wrap(element), (key, n) -> n == 1 ? null : n - 1);
  }

  public boolean contains(ByteBuffer element) {
    return held.containsKey(element);
  }

  public int size() {
    return held.size();
  }
}
