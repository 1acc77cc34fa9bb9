package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** libpq's sslmode, the three that make sense for an operator. */
public enum PostgresSslMode {
  /** No TLS. */
  @JsonProperty("disable")
  DISABLE("disable"),
  /** TLS, without checking the server's certificate. */
  @JsonProperty("require")
  REQUIRE("require"),
  /** TLS, the certificate checked against caFrom (or the JVM's trusted CAs) and the host name. */
  @JsonProperty("verify-full")
  VERIFY_FULL("verify-full");

  private final String value;

  PostgresSslMode(String value) {
    this.value = value;
  }

  /** The value of libpq's and the JDBC driver's sslmode. */
  public String value() {
    return value;
  }
}
