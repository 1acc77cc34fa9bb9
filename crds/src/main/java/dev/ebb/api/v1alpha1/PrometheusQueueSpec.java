package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A queue whose figures are PromQL queries against a Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir,
 * Cortex, VictoriaMetrics): each query must return exactly one sample, and its author owns what it means.
 */
@ValidationRule(value = "!has(self.bearerTokenFrom) || (!has(self.usernameFrom) && !has(self.passwordFrom))",
    message = "bearerTokenFrom and usernameFrom/passwordFrom exclude each other", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.usernameFrom) == has(self.passwordFrom)",
    message = "usernameFrom and passwordFrom go together (HTTP basic auth)", reason = "FieldValueRequired")
public class PrometheusQueueSpec {

  /** http:// or https://, a host, an optional port and path prefix; no credentials, query or fragment. */
  public static final String ADDRESS_PATTERN = "^https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-/]*)?$";
  /** Mimir's and Cortex's tenant ID characters, with | for a query across tenants. */
  public static final String TENANT_PATTERN = "^[A-Za-z0-9!_.*'()|\\-]+$";

  @Required
  @Pattern(ADDRESS_PATTERN)
  @JsonPropertyDescription("http(s)://host[:port][/path-prefix] of the Prometheus HTTP API (the part before"
      + " /api/v1/query). Credentials go in bearerTokenFrom or usernameFrom/passwordFrom, never here.")
  private String address;

  @Required
  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("PromQL for the jobs waiting; it must return exactly one sample (a scalar, or one series:"
      + " aggregate with sum(...)). No sample is an error, never a depth of zero: add 'or vector(0)' when absence"
      + " means empty.")
  private String depthQuery;

  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("PromQL for how long the oldest waiting job has waited, in seconds; one sample.")
  private String oldestAgeQuery;

  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("PromQL for the jobs running now; one sample.")
  private String runningQuery;

  @Size(min = 1, max = 4096)
  @JsonPropertyDescription("PromQL for the mean time one job takes, in seconds; one sample.")
  private String processingTimeQuery;

  @JsonPropertyDescription("A bearer token sent as 'Authorization: Bearer', from a Secret in the pool's namespace.")
  private SecretKeyReference bearerTokenFrom;

  @JsonPropertyDescription("The HTTP basic auth user name, from a Secret in the pool's namespace (with passwordFrom).")
  private SecretKeyReference usernameFrom;

  @JsonPropertyDescription("The HTTP basic auth password, from a Secret in the pool's namespace (with usernameFrom).")
  private SecretKeyReference passwordFrom;

  @Size(min = 1, max = 150)
  @Pattern(TENANT_PATTERN)
  @JsonPropertyDescription("Sent as the X-Scope-OrgID header, for multi-tenant Mimir, Cortex or Thanos (Receive).")
  private String tenantId;

  public PrometheusQueueSpec() {
  }

  public PrometheusQueueSpec(String address, String depthQuery) {
    this.address = address;
    this.depthQuery = depthQuery;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getDepthQuery() {
    return depthQuery;
  }

  public void setDepthQuery(String depthQuery) {
    this.depthQuery = depthQuery;
  }

  public String getOldestAgeQuery() {
    return oldestAgeQuery;
  }

  public void setOldestAgeQuery(String oldestAgeQuery) {
    this.oldestAgeQuery = oldestAgeQuery;
  }

  public String getRunningQuery() {
    return runningQuery;
  }

  public void setRunningQuery(String runningQuery) {
    this.runningQuery = runningQuery;
  }

  public String getProcessingTimeQuery() {
    return processingTimeQuery;
  }

  public void setProcessingTimeQuery(String processingTimeQuery) {
    this.processingTimeQuery = processingTimeQuery;
  }

  public SecretKeyReference getBearerTokenFrom() {
    return bearerTokenFrom;
  }

  public void setBearerTokenFrom(SecretKeyReference bearerTokenFrom) {
    this.bearerTokenFrom = bearerTokenFrom;
  }

  public SecretKeyReference getUsernameFrom() {
    return usernameFrom;
  }

  public void setUsernameFrom(SecretKeyReference usernameFrom) {
    this.usernameFrom = usernameFrom;
  }

  public SecretKeyReference getPasswordFrom() {
    return passwordFrom;
  }

  public void setPasswordFrom(SecretKeyReference passwordFrom) {
    this.passwordFrom = passwordFrom;
  }

  public String getTenantId() {
    return tenantId;
  }

  public void setTenantId(String tenantId) {
    this.tenantId = tenantId;
  }
}
