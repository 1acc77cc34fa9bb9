package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An Amazon SQS queue (or one on an SQS-compatible server named by {@code endpoint}), read with
 * {@code GetQueueAttributes}. Credentials come from a Secret (both halves of an access key) or, with neither, from the
 * operator's own AWS identity (IRSA, EKS Pod Identity).
 */
@ValidationRule(value = "has(self.accessKeyIdFrom) == has(self.secretAccessKeyFrom)",
    message = "accessKeyIdFrom and secretAccessKeyFrom go together: set both, or neither to use the operator's own AWS"
        + " identity (IRSA or EKS Pod Identity)", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.endpoint) || !has(self.queueUrl) || !has(self.region)"
    + " || self.queueUrl.startsWith('https://sqs.' + self.region + '.amazonaws.com/')"
    + " || self.queueUrl.startsWith('https://sqs.' + self.region + '.amazonaws.com.cn/')",
    message = "without endpoint, queueUrl must be https://sqs.<region>.amazonaws.com/<account>/<queue> in the"
        + " pool's region", reason = "FieldValueInvalid")
public class SqsQueueSpec {

  /** http(s), a host, an optional port, a 12-digit account and the queue's name; no credentials in the URL. */
  public static final String QUEUE_URL_PATTERN =
      "^https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/[0-9]{12}/[A-Za-z0-9_\\-]{1,80}(\\.fifo)?$";
  /** http(s), a host and an optional port; no credentials, no path. */
  public static final String ENDPOINT_PATTERN = "^https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/?$";
  /** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
  public static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$";

  @Required
  @Size(max = 300)
  @Pattern(QUEUE_URL_PATTERN)
  @JsonPropertyDescription("The queue's URL as SQS gives it: https://sqs.<region>.amazonaws.com/<account>/<queue>"
      + " (or the URL an SQS-compatible server at endpoint gives). Credentials go in accessKeyIdFrom and"
      + " secretAccessKeyFrom, never here.")
  private String queueUrl;

  @Required
  @Size(max = 32)
  @Pattern(REGION_PATTERN)
  @JsonPropertyDescription("The queue's AWS region (us-east-1); requests are signed for it.")
  private String region;

  @Size(max = 270)
  @Pattern(ENDPOINT_PATTERN)
  @JsonPropertyDescription("For an SQS-compatible server (ElasticMQ, LocalStack): http(s)://host[:port], where the"
      + " operator sends its requests instead of the queue URL's host. Unset for Amazon SQS.")
  private String endpoint;

  @JsonPropertyDescription("The access key ID, from a Secret in the pool's namespace; with secretAccessKeyFrom."
      + " Unset (both): the operator's own AWS identity (IRSA, EKS Pod Identity).")
  private SecretKeyReference accessKeyIdFrom;

  @JsonPropertyDescription("The secret access key, from a Secret in the pool's namespace; with accessKeyIdFrom.")
  private SecretKeyReference secretAccessKeyFrom;

  public SqsQueueSpec() {
  }

  public SqsQueueSpec(String queueUrl, String region) {
    this.queueUrl = queueUrl;
    this.region = region;
  }

  public String getQueueUrl() {
    return queueUrl;
  }

  public void setQueueUrl(String queueUrl) {
    this.queueUrl = queueUrl;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public SecretKeyReference getAccessKeyIdFrom() {
    return accessKeyIdFrom;
  }

  public void setAccessKeyIdFrom(SecretKeyReference accessKeyIdFrom) {
    this.accessKeyIdFrom = accessKeyIdFrom;
  }

  public SecretKeyReference getSecretAccessKeyFrom() {
    return secretAccessKeyFrom;
  }

  public void setSecretAccessKeyFrom(SecretKeyReference secretAccessKeyFrom) {
    this.secretAccessKeyFrom = secretAccessKeyFrom;
  }
}
