package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts of manifests/monitoring/prometheusrule.yaml: valid for Prometheus ({@code promtool check rules}), right
 * on synthetic series ({@code promtool test rules} with tests/rules-test.yaml), tested both ways, and documented.
 */
class PrometheusRulesTest {

  private static final Set<String> SEVERITIES = Set.of("warning", "critical");
  private static final String RUNBOOK_PREFIX = "https://github.com/ebb-dev/ebb/blob/main/docs/metrics.md#";

  @TempDir
  Path work;

  @Test
  void promtoolAcceptsTheRenderedRules() throws Exception {
    Path rules = writeRenderedRules();
    ExternalCommand.Result result = ExternalCommand.run(work, List.of("promtool", "check", "rules", "rules.yaml"));
    assertThat(result.exitCode()).as("promtool check rules:\n%s\nrules:\n%s", result.output(),
        Files.readString(rules)).isZero();
    assertThat(result.output()).contains("SUCCESS: " + alerts(ruleGroups()).size() + " rules found");
  }

  @Test
  void alertsFireAndStayQuietAsTheUnitTestsSay() throws Exception {
    writeRenderedRules();
    Files.copy(RepositoryLayout.monitoring().resolve("tests/rules-test.yaml"), work.resolve("rules-test.yaml"));
    ExternalCommand.Result result = ExternalCommand.run(work,
        List.of("promtool", "test", "rules", "rules-test.yaml"));
    assertThat(result.exitCode()).as("promtool test rules:\n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTestWhereItFiresAndOneWhereItDoesNot() throws IOException {
    JsonNode tests = Yaml.read(RepositoryLayout.monitoring().resolve("tests/rules-test.yaml"));
    Set<String> fired = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String alert = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? quiet : fired).add(alert);
      }
    }
    Set<String> alerts = alerts(ruleGroups()).keySet();
    assertThat(fired).as("alerts with a case where they fire").containsAll(alerts);
    assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
  }

  @Test
  void everyAlertHasSeveritySummaryDescriptionAndARunbookSection() throws IOException {
    String doc = Files.readString(RepositoryLayout.metricsDoc());
    Map<String, JsonNode> alerts = alerts(ruleGroups());
    assertThat(alerts).isNotEmpty();
    alerts.forEach((name, rule) -> {
      assertThat(rule.path("labels").path("severity").asText()).as("%s severity", name).isIn(SEVERITIES);
      JsonNode annotations = rule.path("annotations");
      assertThat(annotations.path("summary").asText()).as("%s summary", name).isNotBlank();
      String description = annotations.path("description").asText();
      assertThat(description).as("%s description", name).isNotBlank();
      if (!name.equals("EbbOperatorDown")) {
        assertThat(description).as("%s description names the pool's namespace", name)
            .contains("{{ $labels.namespace }}");
      }
      if (rule.path("expr").asText().contains("ebb_pool_")) {
        assertThat(description).as("%s description names the pool", name).contains("{{ $labels.pool }}");
      }
      String anchor = name.toLowerCase(Locale.ROOT);
      assertThat(annotations.path("runbook_url").asText()).as("%s runbook_url", name)
          .isEqualTo(RUNBOOK_PREFIX + anchor);
      assertThat(doc).as("docs/metrics.md has a section for %s", name).contains("\n### " + name + "\n");
    });
  }

  @Test
  void rulesReadOnlyDocumentedMetrics() throws IOException {
    DocumentedMetrics documented = DocumentedMetrics.from(RepositoryLayout.metricsDoc());
    List<String> undocumented = new ArrayList<>();
    alerts(ruleGroups()).forEach((name, rule) -> PromQlMetricNames.in(rule.path("expr").asText()).stream()
        .filter(metric -> !documented.documents(metric))
        .forEach(metric -> undocumented.add(name + ": " + metric)));
    assertThat(undocumented).as("metrics the alerts read that docs/metrics.md does not document").isEmpty();
  }

  /** The PrometheusRule's groups as kustomize renders them, written as a plain Prometheus rules file. */
  private Path writeRenderedRules() throws IOException, InterruptedException {
    JsonNode rule = MonitoringBundle.render().only("PrometheusRule");
    assumeTrue(ExternalCommand.onPath("promtool"),
        "promtool is not on PATH (Debian: apt-get install prometheus): skipping the promtool checks");
    ObjectNode file = Yaml.YAML.createObjectNode();
    file.set("groups", rule.path("spec").path("groups"));
    Path rules = work.resolve("rules.yaml");
    Yaml.write(rules, file);
    return rules;
  }

  private static JsonNode ruleGroups() throws IOException {
    return Yaml.read(RepositoryLayout.monitoring().resolve("prometheusrule.yaml")).path("spec").path("groups");
  }

  private static Map<String, JsonNode> alerts(JsonNode groups) {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return alerts;
  }
}
