package dev.ebb.operator.scaler.prometheus;

import dev.ebb.operator.scaler.BackendSettings;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * One HTTP client per Prometheus server and credential, shared by every pool that queries it with that credential,
 * and let go when the last of them closes. The JDK client keeps its connections to the server alive between polls;
 * a semaphore holds the queries in flight to {@link BackendSettings#connectionsPerServer()}. Clients follow no
 * redirect (one could lead outside the allowed networks) and use no proxy (the address checked is the one connected
 * to). The JDK 17 client has no close(): one let go stops its selector thread once it is unreachable, and its idle
 * connections close then.
 */
final class PrometheusClients implements AutoCloseable {

  private final BackendSettings settings;
  private final Map<Key, Shared> shared = new HashMap<>();

  PrometheusClients(BackendSettings settings) {
    this.settings = settings;
  }

  /** A lease on the client for this server and credential; close it to let go. */
  synchronized Lease acquire(PrometheusAddress address, String credentialFingerprint) {
    Key key = new Key(address.origin(), credentialFingerprint);
    Shared entry = shared.computeIfAbsent(key, k -> new Shared(open(), new Semaphore(
        Math.max(1, settings.connectionsPerServer()), true)));
    entry.users++;
    return new Lease(key, entry);
  }

  synchronized int openClients() {
    return shared.size();
  }

  @Override
  public synchronized void close() {
    shared.clear();
  }

  private synchronized void release(Key key, Shared entry) {
    if (shared.get(key) == entry && --entry.users == 0) {
      shared.remove(key);
    }
  }

  private HttpClient open() {
    return HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Servers are told apart by origin and a digest of the credential, so no credential is ever a map key. */
  private record Key(String origin, String credentialFingerprint) {
  }

  private static final class Shared {
    private final HttpClient client;
    private final Semaphore inFlight;
    private int users;

    private Shared(HttpClient client, Semaphore inFlight) {
      this.client = client;
      this.inFlight = inFlight;
    }
  }

  /** A user's hold on a shared client. */
  final class Lease implements AutoCloseable {
    private final Key key;
    private final Shared entry;
    private boolean closed;

    private Lease(Key key, Shared entry) {
      this.key = key;
      this.entry = entry;
    }

    HttpClient client() {
      return entry.client;
    }

    /** Permits for the queries in flight to this server and credential. */
    Semaphore inFlight() {
      return entry.inFlight;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        release(key, entry);
      }
    }
  }
}
