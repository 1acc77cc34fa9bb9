package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What `kubectl apply -k manifests/monitoring` installs: what is scraped, and how Grafana finds the dashboard. */
class MonitoringManifestsTest {

  private static MonitoringBundle bundle;

  @BeforeAll
  static void render() throws Exception {
    bundle = MonitoringBundle.render();
  }

  @Test
  void everythingLandsInEbbSystem() {
    assertThat(bundle.objects()).extracting(o -> o.path("kind").asText())
        .containsExactlyInAnyOrder("ConfigMap", "PodMonitor", "PrometheusRule", "ServiceMonitor");
    assertThat(bundle.objects()).allSatisfy(o ->
        assertThat(o.path("metadata").path("namespace").asText()).isEqualTo("ebb-system"));
  }

  @Test
  void serviceMonitorScrapesTheOperatorServiceAndKeepsThePoolNamespace() {
    JsonNode spec = bundle.only("ServiceMonitor").path("spec");
    assertThat(spec.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
        .isEqualTo("ebb-operator");
    JsonNode endpoint = spec.path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo("http");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("honorLabels").asBoolean()).as("honorLabels keeps the pools' namespace label").isTrue();
  }

  @Test
  void podMonitorScrapesEbbWorkersInEveryNamespaceOnPortHttp() {
    JsonNode spec = bundle.only("PodMonitor").path("spec");
    assertThat(spec.path("selector").path("matchLabels").path("app.kubernetes.io/managed-by").asText())
        .isEqualTo("ebb-operator");
    assertThat(spec.path("namespaceSelector").path("any").asBoolean()).isTrue();
    JsonNode endpoint = spec.path("podMetricsEndpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo("http");
    assertThat(endpoint.path("relabelings").toString()).contains("__meta_kubernetes_pod_label_ebb_dev_pool");
  }

  @Test
  void dashboardConfigMapCarriesTheGrafanaLabelAndTheDashboardFile() throws Exception {
    JsonNode configMap = bundle.only("ConfigMap");
    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    String json = Files.readString(RepositoryLayout.monitoring().resolve("dashboards/ebb.json"));
    assertThat(configMap.path("data").path("ebb.json").asText()).isEqualTo(json);
  }

  @Test
  void theInstallBundleDoesNotIncludeMonitoring() throws Exception {
    Path install = RepositoryLayout.root().resolve("manifests/kustomization.yaml");
    if (Files.exists(install)) {
      assertThat(Yaml.read(install).path("resources").toString()).doesNotContain("monitoring");
    }
  }
}
