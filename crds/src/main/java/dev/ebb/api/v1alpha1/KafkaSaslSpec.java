package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** SASL for a Kafka pool: the mechanism, a user named in the spec or in a Secret, and the password in a Secret. */
@ValidationRule(value = "has(self.username) != has(self.usernameFrom)",
    message = "sasl needs exactly one of username and usernameFrom", reason = "FieldValueRequired")
public class KafkaSaslSpec {

  @Required
  @JsonPropertyDescription("PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. PLAIN sends the password as is: use it with tls.")
  private KafkaSaslMechanism mechanism;

  @Size(min = 1, max = 255)
  @Pattern("^[^\\s,=]+$")
  @JsonPropertyDescription("The SASL user name, when it is not secret; otherwise usernameFrom.")
  private String username;

  @JsonPropertyDescription("The SASL user name, from a Secret in the pool's namespace.")
  private SecretKeyReference usernameFrom;

  @Required
  @JsonPropertyDescription("The SASL password, from a Secret in the pool's namespace.")
  private SecretKeyReference passwordFrom;

  public KafkaSaslSpec() {
  }

  public KafkaSaslSpec(KafkaSaslMechanism mechanism, String username, SecretKeyReference passwordFrom) {
    this.mechanism = mechanism;
    this.username = username;
    this.passwordFrom = passwordFrom;
  }

  public KafkaSaslMechanism getMechanism() {
    return mechanism;
  }

  public void setMechanism(KafkaSaslMechanism mechanism) {
    this.mechanism = mechanism;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
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
}
