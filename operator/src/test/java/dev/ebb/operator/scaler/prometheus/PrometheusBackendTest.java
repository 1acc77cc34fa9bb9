package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the operator learns of a prometheus block before it measures: hosts, Secret references, its description. */
class PrometheusBackendTest {

  private final PrometheusBackend backend = new PrometheusBackend(new BackendSettings(Duration.ofSeconds(1), 2,
      QueueNetworks.anywhere(), Clock.systemUTC()));

  @Test
  void theHostComesFromTheAddressAndTheSecretReferencesAreKeyedByTheirField() {
    PrometheusQueueSpec spec = new PrometheusQueueSpec("https://mimir.monitoring.svc:8080/prometheus/",
        "sum(queue_depth)");
    spec.setUsernameFrom(new SecretKeyReference("reader", "username"));
    spec.setPasswordFrom(new SecretKeyReference("reader", "password"));

    assertThat(backend.hosts(spec)).containsExactly("mimir.monitoring.svc");
    assertThat(backend.secretReferences(spec)).containsOnlyKeys("usernameFrom", "passwordFrom");
    assertThat(backend.secretReferences(spec).get("passwordFrom").getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(backend.format(spec)).isEqualTo("prometheus");
    assertThat(backend.describe(spec)).isEqualTo("https://mimir.monitoring.svc:8080/prometheus sum(queue_depth)");
  }

  @Test
  void aLongQueryIsDescribedByItsStartOnOneLine() {
    String query = "sum(\n  rate(encoder_job_duration_seconds_sum{queue=\"video\"}[5m])\n)"
        + " / sum(rate(encoder_job_duration_seconds_count{queue=\"video\"}[5m]))";

    String described = backend.describe(new PrometheusQueueSpec("http://prometheus:9090", query));

    assertThat(described).startsWith("http://prometheus:9090 sum( rate(encoder_job").endsWith("...")
        .doesNotContain("\n").hasSize("http://prometheus:9090 ".length() + 80 + 3);
  }

  @Test
  void aBearerTokenLosesTheNewlineOfTheFileItCameFromAndBasicAuthIsEncoded() {
    assertThat(PrometheusBackend.authorization(Credentials.of(Map.of("bearerTokenFrom", "t0ken\n"))))
        .contains("Bearer t0ken");
    assertThat(PrometheusBackend.authorization(Credentials.of(Map.of("usernameFrom", "ebb", "passwordFrom", "s:cr3t"))))
        .contains("Basic " + Base64.getEncoder().encodeToString("ebb:s:cr3t".getBytes()));
    assertThat(PrometheusBackend.authorization(Credentials.none())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://user:pw@prometheus:9090", "prometheus:9090", "http://prometheus:9090?x=1",
      "ftp://prometheus"})
  void anAddressTheCrdWouldRefuseIsRefusedHereToo(String address) {
    assertThatThrownBy(() -> backend.hosts(new PrometheusQueueSpec(address, "sum(queue_depth)")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
  }
}
