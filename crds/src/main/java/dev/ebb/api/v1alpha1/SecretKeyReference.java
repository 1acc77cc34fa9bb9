package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where a secret value lives; Ebb reads it from the Secret and never copies it into the pool's status or events. */
public class SecretKeyReference {

  @Required
  @JsonPropertyDescription("A key of a Secret in the pool's namespace.")
  private SecretKeyRef secretKeyRef;

  public SecretKeyReference() {
  }

  public SecretKeyReference(String name, String key) {
    this.secretKeyRef = new SecretKeyRef(name, key);
  }

  public SecretKeyRef getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
