package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebb.api.v1alpha1.WorkerPoolCases;
import dev.ebb.controlplane.Kubectl;
import dev.ebb.e2e.cluster.EndToEnd;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Installing as the README says: the rendered {@code manifests/} applies on a real API server, every example pool is
 * accepted, and the invalid pools of {@link WorkerPoolCases} (which {@code WorkerPoolSchemaTest} checks in-process)
 * are rejected by the real server's schema and CEL rules with the same message.
 */
@Order(1)
class InstallIT {

  private static final String NS = "e2e-install";
  private static EndToEnd cluster;

  @BeforeAll
  static void cluster() {
    cluster = EndToEnd.cluster();
    cluster.namespace(NS);
  }

  @Test
  void renderedManifestsApply() {
    assertThat(cluster.installOutput()).contains(
        "namespace/ebb-system created",
        "customresourcedefinition.apiextensions.k8s.io/workerpools.ebb.dev created",
        "serviceaccount/ebb-operator created",
        "clusterrole.rbac.authorization.k8s.io/ebb-operator created",
        "clusterrolebinding.rbac.authorization.k8s.io/ebb-operator created",
        "role.rbac.authorization.k8s.io/ebb-operator-leader-election created",
        "clusterrole.rbac.authorization.k8s.io/ebb-edit created",
        "clusterrole.rbac.authorization.k8s.io/ebb-view created",
        "deployment.apps/ebb-operator created",
        "networkpolicy.networking.k8s.io/ebb-operator created");
    assertThat(cluster.kubectl().run(null, "get", "crd", "workerpools.ebb.dev",
        "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}")).isEqualTo("True");
    assertThat(cluster.kubectl().run(null, "api-resources", "--api-group=ebb.dev"))
        .containsPattern("workerpools\\s+wp\\s+ebb.dev/v1alpha1\\s+true\\s+WorkerPool");
  }

  @Test
  void everyExamplePoolIsAccepted() {
    Path examples = Path.of(System.getProperty("ebb.manifests")).resolve("examples");
    Kubectl.Result result = cluster.kubectl().tryRun(null, "apply", "--dry-run=server", "-n", NS,
        "-f", examples.resolve("minimal.yaml").toString(), "-f", examples.resolve("complete.yaml").toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("workerpool.ebb.dev/mailer created (server dry run)");
  }

  @ParameterizedTest
  @MethodSource({"dev.ebb.api.v1alpha1.WorkerPoolCases#invalidPools", "dev.ebb.api.v1alpha1.WorkerPoolCases#knownGaps"})
  void realServerRejectsInvalidPoolWithTheSameMessage(String patch, String expectedError) {
    Kubectl.Result result = create(patch);

    assertThat(result.exitCode()).as("kubectl create of %s", patch).isNotZero();
    assertThat(result.output()).as("errors for %s", patch).contains(expectedError);
  }

  @ParameterizedTest
  @MethodSource("dev.ebb.api.v1alpha1.WorkerPoolCases#validPools")
  void realServerAcceptsValidPool(String patch) {
    Kubectl.Result result = create(patch);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /** {@code kubectl create --dry-run=server} of the minimal pool with {@code patch}: strict field validation. */
  private static Kubectl.Result create(String patch) {
    JsonNode pool = WorkerPoolCases.pool(patch);
    ((ObjectNode) pool.get("metadata")).put("namespace", NS);
    return cluster.kubectl().tryRun(pool.toString(), "create", "--dry-run=server", "-f", "-");
  }
}
