package dev.ebb.operator.scaler.prometheus;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBackend;
import dev.ebb.operator.scaler.QueueScaler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues measured through a Prometheus-compatible HTTP API ({@code spec.queue.prometheus}): one instant query per
 * figure, over the JDK's HTTP client, shared per server and credential (see {@link PrometheusClients}).
 */
public final class PrometheusBackend implements QueueBackend<PrometheusQueueSpec> {

  static final String DISPLAY_NAME = "Prometheus";
  static final String BEARER_TOKEN = "bearerTokenFrom";
  static final String USERNAME = "usernameFrom";
  static final String PASSWORD = "passwordFrom";
  private static final int DESCRIBED_QUERY_CHARS = 80;

  private final BackendSettings settings;
  private final PrometheusClients clients;

  public PrometheusBackend(BackendSettings settings) {
    this.settings = settings;
    this.clients = new PrometheusClients(settings);
  }

  @Override
  public String displayName() {
    return DISPLAY_NAME;
  }

  @Override
  public List<String> hosts(PrometheusQueueSpec block) {
    return List.of(PrometheusAddress.parse(block.getAddress()).host());
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(PrometheusQueueSpec block) {
    Map<String, SecretKeyReference> references = new LinkedHashMap<>();
    Optional.ofNullable(block.getBearerTokenFrom()).ifPresent(ref -> references.put(BEARER_TOKEN, ref));
    Optional.ofNullable(block.getUsernameFrom()).ifPresent(ref -> references.put(USERNAME, ref));
    Optional.ofNullable(block.getPasswordFrom()).ifPresent(ref -> references.put(PASSWORD, ref));
    return references;
  }

  @Override
  public String format(PrometheusQueueSpec block) {
    return "prometheus";
  }

  /** The API's base and the depth query (its start, when long). */
  @Override
  public String describe(PrometheusQueueSpec block) {
    String query = block.getDepthQuery() == null ? "" : block.getDepthQuery().replaceAll("\\s+", " ").strip();
    return PrometheusAddress.parse(block.getAddress()) + " "
        + (query.length() <= DESCRIBED_QUERY_CHARS ? query : query.substring(0, DESCRIBED_QUERY_CHARS) + "...");
  }

  @Override
  public QueueScaler create(PrometheusQueueSpec block, Credentials credentials) {
    PrometheusAddress address = PrometheusAddress.parse(block.getAddress());
    InstantQueries queries = new InstantQueries(address, clients.acquire(address, credentials.fingerprint()),
        authorization(credentials), Optional.ofNullable(block.getTenantId()), settings.timeout(),
        settings.networks());
    return new PrometheusQueryScaler(queries, new PrometheusQueryScaler.Queries(block.getDepthQuery(),
        Optional.ofNullable(block.getOldestAgeQuery()), Optional.ofNullable(block.getRunningQuery()),
        Optional.ofNullable(block.getProcessingTimeQuery())), settings.pollDeadline(), settings.clock());
  }

  /**
   * The Authorization header: a bearer token (surrounding whitespace dropped, as Prometheus drops it from its own
   * token files: a Secret made from a file often ends in a newline), or basic auth from a user name and password.
   */
  static Optional<String> authorization(Credentials credentials) {
    Optional<String> token = credentials.get(BEARER_TOKEN).map(String::strip);
    if (token.isPresent()) {
      return token.map(value -> "Bearer " + value);
    }
    Optional<String> user = credentials.get(USERNAME);
    Optional<String> password = credentials.get(PASSWORD);
    if (user.isPresent() && password.isPresent()) {
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(
          (user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /** Clients still leased; for tests of the sharing. */
  int openClients() {
    return clients.openClients();
  }

  @Override
  public void close() {
    clients.close();
  }
}
