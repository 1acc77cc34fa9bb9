package dev.ebb.operator.scaler.sqs;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.SqsQueueSpec;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBackend;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@code spec.queue.sqs}: an Amazon SQS queue, or one on an SQS-compatible server at the block's {@code endpoint},
 * read with {@code GetQueueAttributes} through clients shared per endpoint, region and access key
 * ({@link SqsClients}). A pool without an access key is read as the operator itself ({@link OperatorIdentity}: IRSA
 * or EKS Pod Identity on the operator's ServiceAccount, never the node's instance role).
 */
public final class SqsBackend implements QueueBackend<SqsQueueSpec> {

  static final String ACCESS_KEY_ID = "accessKeyIdFrom";
  static final String SECRET_ACCESS_KEY = "secretAccessKeyFrom";

  private final BackendSettings settings;
  private final AwsCredentialsProvider defaultIdentity;
  private final SqsClients clients;

  public SqsBackend(BackendSettings settings) {
    this(settings, OperatorIdentity.chain());
  }

  /** @param defaultIdentity the credentials of pools that name no access key; closed with the backend */
  SqsBackend(BackendSettings settings, AwsCredentialsProvider defaultIdentity) {
    this.settings = settings;
    this.defaultIdentity = defaultIdentity;
    this.clients = new SqsClients(settings, defaultIdentity);
  }

  @Override
  public String displayName() {
    return SqsFailures.DISPLAY_NAME;
  }

  @Override
  public List<String> hosts(SqsQueueSpec block) {
    return List.of(endpoint(block).getHost());
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(SqsQueueSpec block) {
    Map<String, SecretKeyReference> references = new LinkedHashMap<>();
    if (block.getAccessKeyIdFrom() != null) {
      references.put(ACCESS_KEY_ID, block.getAccessKeyIdFrom());
    }
    if (block.getSecretAccessKeyFrom() != null) {
      references.put(SECRET_ACCESS_KEY, block.getSecretAccessKeyFrom());
    }
    return references;
  }

  @Override
  public String format(SqsQueueSpec block) {
    return "sqs";
  }

  @Override
  public String describe(SqsQueueSpec block) {
    return "queue " + server(block);
  }

  @Override
  public QueueScaler create(SqsQueueSpec block, Credentials credentials) {
    String server = server(block);
    Optional<AwsBasicCredentials> key = Optional.empty();
    if (block.getAccessKeyIdFrom() != null || block.getSecretAccessKeyFrom() != null) {
      Optional<String> id = credentials.get(ACCESS_KEY_ID).filter(value -> !value.isBlank());
      Optional<String> secret = credentials.get(SECRET_ACCESS_KEY).filter(value -> !value.isBlank());
      if (id.isEmpty() || secret.isEmpty()) {
        return new Refused(SqsFailures.failure(Kind.AUTHENTICATION, server, "the pool's Secret references give no"
            + " value for " + (id.isEmpty() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY), null));
      }
      key = Optional.of(AwsBasicCredentials.create(id.get().strip(), secret.get().strip()));
    }
    URI endpoint = endpoint(block);
    return new SqsScaler(clients.acquire(endpoint, block.getRegion(), key, credentials.fingerprint()),
        block.getQueueUrl(), server, endpoint.getHost(), settings.networks(), settings.timeout(), settings.clock());
  }

  /** Where the client sends: the endpoint when the block names one, else the queue URL's own host over https. */
  static URI endpoint(SqsQueueSpec block) {
    if (block.getEndpoint() != null && !block.getEndpoint().isBlank()) {
      String endpoint = block.getEndpoint();
      return URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }
    return URI.create("https://" + URI.create(block.getQueueUrl()).getHost());
  }

  private static String server(SqsQueueSpec block) {
    return block.getEndpoint() == null ? block.getQueueUrl() : block.getQueueUrl() + " via " + block.getEndpoint();
  }

  int openClients() {
    return clients.openClients();
  }

  @Override
  public void close() {
    clients.close();
    if (defaultIdentity instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  /** A pool whose credentials cannot be used: every poll says so, and nothing is sent. */
  private record Refused(ScalerException failure) implements QueueScaler {

    @Override
    public QueueReading measure() throws ScalerException {
      throw failure;
    }

    @Override
    public void close() {
    }
  }
}
