package dev.ebb.operator.scaler.sqs;

import dev.ebb.operator.scaler.BackendSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One SQS client per endpoint, region and credential, shared by every pool whose queue is read through it and closed
 * when the last of them lets go. Each client talks HTTP through the JDK's {@code HttpURLConnection}; every connect and
 * read is bounded by the settings' timeout, every call by the poll deadline, with no retry (the next poll is the
 * retry), every answer by {@link ReplySizeLimit}, and the calls in flight at once per client by
 * {@link BackendSettings#connectionsPerServer()}.
 */
final class SqsClients implements AutoCloseable {

  private final BackendSettings settings;
  private final AwsCredentialsProvider defaultIdentity;
  private final Map<Key, Shared> shared = new HashMap<>();

  /** @param defaultIdentity for pools that name no access key: the operator's own (IRSA, EKS Pod Identity) */
  SqsClients(BackendSettings settings, AwsCredentialsProvider defaultIdentity) {
    this.settings = settings;
    this.defaultIdentity = defaultIdentity;
  }

  /**
   * A lease on the client for this endpoint, region and access key (empty: the operator's own identity).
   *
   * @param fingerprint {@code Credentials.fingerprint()} of the key, so the key itself is never a map key
   */
  synchronized Lease acquire(URI endpoint, String region, Optional<AwsBasicCredentials> key, String fingerprint) {
    Key id = new Key(endpoint, region, fingerprint);
    Shared entry = shared.computeIfAbsent(id, k -> new Shared(open(endpoint, region, key),
        new Semaphore(Math.max(1, settings.connectionsPerServer()))));
    entry.users++;
    return new Lease(this, id, entry);
  }

  synchronized int openClients() {
    return shared.size();
  }

  @Override
  public synchronized void close() {
    shared.values().forEach(entry -> entry.client.close());
    shared.clear();
  }

  private synchronized void release(Key id) {
    Shared entry = shared.get(id);
    if (entry != null && --entry.users == 0) {
      shared.remove(id);
      entry.client.close();
    }
  }

  private SqsClient open(URI endpoint, String region, Optional<AwsBasicCredentials> key) {
    Duration timeout = settings.timeout();
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(key.<AwsCredentialsProvider>map(StaticCredentialsProvider::create)
            .orElse(defaultIdentity))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(timeout)
            .apiCallTimeout(settings.pollDeadline())
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(new ReplySizeLimit(ReplySizeLimit.MAX_BYTES))
            .build())
        .build();
  }

  /** Clients are told apart by where they send, the region they sign for and a digest of the key. */
  private record Key(URI endpoint, String region, String fingerprint) {
  }

  private static final class Shared {
    private final SqsClient client;
    private final Semaphore calls;
    private int users;

    private Shared(SqsClient client, Semaphore calls) {
      this.client = client;
      this.calls = calls;
    }
  }

  /** A user's hold on a shared client. */
  static final class Lease implements AutoCloseable {
    private final SqsClients owner;
    private final Key id;
    private final Shared entry;
    private boolean closed;

    private Lease(SqsClients owner, Key id, Shared entry) {
      this.owner = owner;
      this.id = id;
      this.entry = entry;
    }

    SqsClient client() {
      return entry.client;
    }

    /** Bounds the calls in flight on this client at once. */
    Semaphore calls() {
      return entry.calls;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        owner.release(id);
      }
    }
  }
}
