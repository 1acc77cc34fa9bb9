package dev.ebb.operator.scaler.rabbitmq;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One client per key (server, virtual host where the connection carries one, user and a fingerprint of the
 * credentials), shared by every pool that reads through it and closed when the last of them lets go.
 */
final class SharedClients<K, C extends AutoCloseable> {

  private final Map<K, Entry<C>> entries = new HashMap<>();

  /** A lease on the client for {@code key}, opened by {@code open} when no pool holds one yet. */
  synchronized Lease<C> acquire(K key, Supplier<C> open) {
    Entry<C> entry = entries.computeIfAbsent(key, k -> new Entry<>(open.get()));
    entry.users++;
    return new Lease<>(this, key, entry.client);
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized void closeAll() {
    entries.values().forEach(entry -> closeQuietly(entry.client));
    entries.clear();
  }

  private synchronized void release(K key, C client) {
    Entry<C> entry = entries.get(key);
    if (entry != null && entry.client == client && --entry.users == 0) {
      entries.remove(key);
      closeQuietly(entry.client);
    }
  }

  private static void closeQuietly(AutoCloseable client) {
    try {
      client.close();
    } catch (Exception ignored) {
      // closing a client that failed already
    }
  }

  private static final class Entry<C> {
    private final C client;
    private int users;

    private Entry(C client) {
      this.client = client;
    }
  }

  /** A pool's hold on a shared client. */
  static final class Lease<C extends AutoCloseable> implements AutoCloseable {
    private final SharedClients<?, C> owner;
    private final Object key;
    private final C client;
    private boolean closed;

    private Lease(SharedClients<?, C> owner, Object key, C client) {
      this.owner = owner;
      this.key = key;
      this.client = client;
    }

    C client() {
      return client;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized void close() {
      if (!closed) {
        closed = true;
        ((SharedClients) owner).release(key, client);
      }
    }
  }
}
