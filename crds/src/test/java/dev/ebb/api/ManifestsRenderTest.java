package dev.ebb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kubectl kustomize} renders the install and the examples; skipped where kubectl is not on PATH. */
class ManifestsRenderTest {

  @BeforeEach
  void needsKubectl() {
    Assumptions.assumeTrue(kubectlOnPath(), "kubectl not on PATH");
  }

  @Test
  void installRendersTheCrdRbacAndOperator() throws Exception {
    List<HasMetadata> objects = ManifestFiles.parse(kustomize("../manifests"));

    ManifestFiles.only(objects, CustomResourceDefinition.class, "workerpools.ebb.dev");
    ManifestFiles.only(objects, ClusterRole.class, "ebb-operator");
    Deployment deployment = ManifestFiles.only(objects, Deployment.class, "ebb-operator");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("ebb-system");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/ebb-dev/ebb-operator:0.1.0");
    OperatorDeploymentTest.assertRestrictedAndBounded(deployment);
    assertThat(ManifestFiles.only(objects, Namespace.class, "ebb-system").getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(objects).filteredOn(object -> !object.getKind().equals("Namespace")
            && !object.getKind().startsWith("Cluster") && !object.getKind().equals("CustomResourceDefinition"))
        .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).as(object.getKind())
            .isEqualTo("ebb-system"));
  }

  @Test
  void examplesRender() throws Exception {
    List<HasMetadata> objects = ManifestFiles.parse(kustomize("../manifests/examples"));

    assertThat(objects).extracting(HasMetadata::getKind).containsOnly("WorkerPool");
    assertThat(objects).extracting(object -> object.getMetadata().getName()).contains("mailer", "reports");
  }

  @Test
  void theNamespacedInstallBindsTheOperatorInExactlyTheNamespacesItWatches() throws Exception {
    List<HasMetadata> objects = ManifestFiles.parse(kustomize("../overlays/namespaced"));

    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ClusterRoleBinding");
    List<RoleBinding> operatorBindings = objects.stream().filter(RoleBinding.class::isInstance)
        .map(RoleBinding.class::cast).filter(b -> b.getRoleRef().getName().equals("ebb-operator")).toList();
    assertThat(operatorBindings).allSatisfy(binding -> {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
        assertThat(subject.getName()).isEqualTo("ebb-operator");
        assertThat(subject.getNamespace()).isEqualTo("ebb-system");
      });
    });
    Deployment deployment = ManifestFiles.only(objects, Deployment.class, "ebb-operator");
    String watched = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(env -> env.getName().equals("EBB_WATCH_NAMESPACES")).findFirst().orElseThrow().getValue();
    assertThat(operatorBindings).extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(watched.split(","));
  }

  private static String kustomize(String directory) throws IOException, InterruptedException {
    Path output = Files.createTempFile("kustomize", ".yaml");
    Path errors = Files.createTempFile("kustomize", ".err");
    try {
      Process process = new ProcessBuilder("kubectl", "kustomize", directory)
          .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + directory + " did not finish in 2 minutes");
      }
      assertThat(process.exitValue()).as("kubectl kustomize %s: %s", directory,
          Files.readString(errors, StandardCharsets.UTF_8)).isZero();
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    }
  }

  private static boolean kubectlOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File kubectl = new File(dir, "kubectl");
      if (kubectl.isFile() && kubectl.canExecute()) {
        return true;
      }
    }
    return false;
  }
}
