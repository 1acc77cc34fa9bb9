package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Argo CD and Flux examples in manifests/gitops say what docs/gitops.md says they do. */
class GitOpsExamplesTest {

  private static final Path GITOPS = RepositoryLayout.root().resolve("manifests/gitops");

  @TempDir
  Path work;

  @Test
  void argoApplicationInstallsManifestsWithServerSideApply() throws Exception {
    JsonNode spec = Yaml.read(GITOPS.resolve("argocd-application.yaml")).path("spec");
    assertThat(spec.path("source").path("path").asText()).isEqualTo("manifests");
    assertThat(spec.path("destination").path("namespace").asText()).isEqualTo("ebb-system");
    assertThat(spec.path("syncPolicy").path("syncOptions").toString()).contains("ServerSideApply=true");
  }

  /** Argo CD evaluates jqPathExpressions with gojq; jq gives the same paths for this expression. */
  @Test
  void ignoreDifferencesTouchesOnlyTheReplicasOfDeploymentsEbbManages() throws Exception {
    assumeTrue(ExternalCommand.onPath("jq"), "jq is not on PATH: skipping the jqPathExpressions check");
    JsonNode ignore = Yaml.read(GITOPS.resolve("argocd-application.yaml")).path("spec").path("ignoreDifferences")
        .get(0);
    assertThat(ignore.path("group").asText()).isEqualTo("apps");
    assertThat(ignore.path("kind").asText()).isEqualTo("Deployment");
    String expression = ignore.path("jqPathExpressions").get(0).asText();
    assertThat(paths(expression, "ebb-operator")).isEqualTo("[[\"spec\",\"replicas\"]]");
    assertThat(paths(expression, "helm")).isEqualTo("[]");
  }

  @Test
  void fluxAppliesWorkerPoolsAfterEbbAndChecksTheirHealth() throws Exception {
    List<JsonNode> documents = Yaml.documents(Files.readString(GITOPS.resolve("flux.yaml")));
    JsonNode ebb = kustomization(documents, "ebb");
    assertThat(ebb.path("spec").path("path").asText()).isEqualTo("./manifests");
    assertThat(ebb.path("spec").path("wait").asBoolean()).isTrue();
    JsonNode workers = kustomization(documents, "shop-workers");
    assertThat(workers.path("spec").path("dependsOn").toString()).contains("\"ebb\"");
    assertThat(workers.path("spec").path("healthChecks").get(0).path("kind").asText()).isEqualTo("WorkerPool");
  }

  private String paths(String expression, String managedBy) throws Exception {
    Path deployment = work.resolve(managedBy + ".json");
    Files.writeString(deployment, """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "mailer", "labels": {"app.kubernetes.io/managed-by": "%s"}},
         "spec": {"replicas": 6, "template": {"spec": {"containers": [{"name": "worker"}]}}}}
        """.formatted(managedBy));
    ExternalCommand.Result result = ExternalCommand.run(work,
        List.of("jq", "-c", "[path(" + expression + ")]", deployment.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().trim();
  }

  private static JsonNode kustomization(List<JsonNode> documents, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals("Kustomization"))
        .filter(d -> d.path("metadata").path("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no Kustomization " + name + " in flux.yaml"));
  }
}
