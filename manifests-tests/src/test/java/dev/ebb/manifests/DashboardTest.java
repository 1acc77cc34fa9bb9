package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** manifests/monitoring/dashboards/ebb.json: its queries read documented metrics only, and it has what it promises. */
class DashboardTest {

  private static JsonNode dashboard;
  private static List<JsonNode> panels;

  @BeforeAll
  static void read() throws IOException {
    dashboard = Yaml.read(RepositoryLayout.monitoring().resolve("dashboards/ebb.json"));
    panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
  }

  @Test
  void everyQueryReadsOnlyMetricsDocumentedInDocsMetricsMd() throws IOException {
    DocumentedMetrics documented = DocumentedMetrics.from(RepositoryLayout.metricsDoc());
    Map<String, String> queries = new TreeMap<>();
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        queries.put(panel.path("title").asText() + " " + target.path("refId").asText(), target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        queries.put("variable " + variable.path("name").asText(), variable.path("query").path("query").asText());
      }
    }
    assertThat(queries).hasSizeGreaterThan(20);
    List<String> undocumented = new ArrayList<>();
    TreeSet<String> used = new TreeSet<>();
    queries.forEach((where, expr) -> {
      assertThat(expr).as(where).isNotBlank();
      for (String metric : PromQlMetricNames.in(expr)) {
        used.add(metric);
        if (!documented.documents(metric)) {
          undocumented.add(where + ": " + metric);
        }
      }
    });
    assertThat(undocumented).as("metrics the dashboard reads that docs/metrics.md does not document").isEmpty();
    assertThat(used).contains("ebb_pool_queue_depth", "ebb_jobs_total", "ebb_job_duration_seconds_bucket");
  }

  @Test
  void hasDatasourceNamespaceAndPoolVariables() {
    Map<String, String> variables = new TreeMap<>();
    dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(),
        v.path("type").asText()));
    assertThat(variables).containsEntry("datasource", "datasource").containsEntry("namespace", "query")
        .containsEntry("pool", "query");
  }

  @Test
  void everyPanelAndQueryUsesTheDatasourceVariable() {
    for (JsonNode panel : panels) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
          .isEqualTo("${datasource}");
      panel.path("targets").forEach(target -> assertThat(target.path("datasource").path("uid").asText())
          .as(panel.path("title").asText()).isEqualTo("${datasource}"));
    }
  }

  @Test
  void hasThePoolAndWorkerPanels() {
    List<String> titles = panels.stream().map(p -> p.path("title").asText()).toList();
    assertThat(titles).contains("Queue depth", "Oldest job age vs latency goal", "Arrival vs completion rate",
        "Desired vs current replicas", "Busy and stale workers", "Processing time (mean)",
        "Scaling decisions by reason", "Measurement failures and fallback", "Jobs by outcome",
        "Job duration p95 by type");
    assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
  }
}
