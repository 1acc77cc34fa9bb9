package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.enqueuedAtField) || self.format == 'list'",
    message = "enqueuedAtField applies to format 'list' only", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.sidekiqNamespace) || self.format == 'sidekiq'",
    message = "sidekiqNamespace applies to format 'sidekiq' only", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.celery) || self.format == 'celery'",
    message = "celery applies to format 'celery' only", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.bullmq) || self.format == 'bullmq'",
    message = "bullmq applies to format 'bullmq' only", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.laravel) || self.format == 'laravel'",
    message = "laravel applies to format 'laravel' only", reason = "FieldValueInvalid")
public class RedisQueueSpec {

  /** redis:// or rediss://, a host, an optional port and database; no credentials in the URL. */
  public static final String ADDRESS_PATTERN = "^rediss?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[0-9]{1,2})?$";

  @Required
  @Pattern(ADDRESS_PATTERN)
  @JsonPropertyDescription("redis://host[:port][/db] or rediss:// for TLS. Credentials go in passwordFrom, never here.")
  private String address;

  @JsonPropertyDescription("The Redis password, from a Secret in the pool's namespace.")
  private SecretKeyReference passwordFrom;

  @Required
  @Size(min = 1, max = 200)
  @Pattern("^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$")
  @JsonPropertyDescription("The queue name (formats ebb, sidekiq, rq, celery, bullmq, laravel) or the list key (format list).")
  private String queue;

  @Default("ebb")
  @JsonPropertyDescription("ebb: Ebb's worker protocol. list: any Redis list, depth only unless enqueuedAtField is set."
      + " sidekiq: a Sidekiq queue and its processes. rq: an RQ queue and its workers. celery: a Celery queue on"
      + " kombu's Redis transport. bullmq: a BullMQ queue. laravel: a Laravel Redis queue (queue:work or Horizon)."
      + " See docs/formats.md.")
  private QueueFormat format = QueueFormat.EBB;

  @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
  @JsonPropertyDescription("For format list: the top-level JSON field of each element that holds its enqueue time (epoch seconds or milliseconds, or RFC 3339).")
  private String enqueuedAtField;

  @Size(min = 1, max = 100)
  @Pattern("^[A-Za-z0-9_.:\\-]+$")
  @JsonPropertyDescription("For format sidekiq: the redis-namespace the app's Sidekiq is configured with (keys are"
      + " <namespace>:queue:<name>); unset for plain Sidekiq, and always unset for Sidekiq 7, which dropped namespaces.")
  private String sidekiqNamespace;

  @JsonPropertyDescription("For format celery: the app's kombu transport options, when it changes them.")
  private CeleryOptions celery;

  @JsonPropertyDescription("For format bullmq: the app's key prefix, when it changes it.")
  private BullMqOptions bullmq;

  @JsonPropertyDescription("For format laravel: the app's Redis key prefix, when it is not Laravel's default.")
  private LaravelOptions laravel;

  public RedisQueueSpec() {
  }

  public RedisQueueSpec(String address, String queue) {
    this.address = address;
    this.queue = queue;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public SecretKeyReference getPasswordFrom() {
    return passwordFrom;
  }

  public void setPasswordFrom(SecretKeyReference passwordFrom) {
    this.passwordFrom = passwordFrom;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public QueueFormat getFormat() {
    return format;
  }

  public void setFormat(QueueFormat format) {
    this.format = format;
  }

  public String getEnqueuedAtField() {
    return enqueuedAtField;
  }

  public void setEnqueuedAtField(String enqueuedAtField) {
    this.enqueuedAtField = enqueuedAtField;
  }

  public String getSidekiqNamespace() {
    return sidekiqNamespace;
  }

  public void setSidekiqNamespace(String sidekiqNamespace) {
    this.sidekiqNamespace = sidekiqNamespace;
  }

  public CeleryOptions getCelery() {
    return celery;
  }

  public void setCelery(CeleryOptions celery) {
    this.celery = celery;
  }

  public BullMqOptions getBullmq() {
    return bullmq;
  }

  public void setBullmq(BullMqOptions bullmq) {
    this.bullmq = bullmq;
  }

  public LaravelOptions getLaravel() {
    return laravel;
  }

  public void setLaravel(LaravelOptions laravel) {
    this.laravel = laravel;
  }
}
