package dev.ebb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator Deployment as committed in manifests/operator: "restricted" Pod Security and the agreed settings. */
class OperatorDeploymentTest {

  static final Path DEPLOYMENT = Path.of("../manifests/operator/deployment.yaml");

  @Test
  void committedDeploymentIsRestrictedAndBounded() throws IOException {
    assertRestrictedAndBounded(ManifestFiles.only(ManifestFiles.parse(Files.readString(DEPLOYMENT)),
        Deployment.class, "ebb-operator"));
  }

  @Test
  void committedDeploymentRunsTwoLeaderElectedReplicas() throws IOException {
    Deployment deployment = ManifestFiles.only(ManifestFiles.parse(Files.readString(DEPLOYMENT)),
        Deployment.class, "ebb-operator");
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);
    Map<String, EnvVar> env = operator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/ebb-dev/ebb-operator:0.1.0");
    assertThat(operator.getArgs()).isNullOrEmpty();
    assertThat(env.get("EBB_LEADER_ELECTION").getValue()).isEqualTo("true");
    assertThat(env.get("EBB_LEASE_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(env.get("EBB_POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env.get("EBB_HTTP_PORT").getValue()).isEqualTo("8080");
    assertThat(env.get("JAVA_TOOL_OPTIONS").getValue())
        .isEqualTo("-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
    assertThat(operator.getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getName()).isEqualTo("http"))
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getStartupProbe()).isNotNull();
    assertThat(pod.getServiceAccountName()).isEqualTo("ebb-operator");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getTopologySpreadConstraints()).isNotEmpty();
    assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    assertThat(operator.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
  }

  /** Pod Security "restricted" at pod and container level, plus requests and a memory limit on every container. */
  static void assertRestrictedAndBounded(Deployment deployment) {
    var pod = deployment.getSpec().getTemplate().getSpec();
    PodSecurityContext podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getContainers()).isNotEmpty();
    for (Container container : concat(pod.getInitContainers(), pod.getContainers())) {
      SecurityContext security = container.getSecurityContext();
      assertThat(security).as(container.getName()).isNotNull();
      assertThat(security.getRunAsNonRoot()).as(container.getName() + " runAsNonRoot").isTrue();
      assertThat(security.getReadOnlyRootFilesystem()).as(container.getName() + " readOnlyRootFilesystem").isTrue();
      assertThat(security.getAllowPrivilegeEscalation()).as(container.getName() + " allowPrivilegeEscalation")
          .isFalse();
      assertThat(security.getPrivileged()).as(container.getName() + " privileged").isNotEqualTo(Boolean.TRUE);
      assertThat(security.getCapabilities().getDrop()).as(container.getName() + " drops").containsExactly("ALL");
      assertThat(security.getCapabilities().getAdd()).as(container.getName() + " adds").isNullOrEmpty();
      assertThat(security.getSeccompProfile().getType()).as(container.getName() + " seccomp")
          .isEqualTo("RuntimeDefault");
      assertThat(container.getResources().getRequests()).as(container.getName() + " requests")
          .containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits()).as(container.getName() + " limits").containsKey("memory");
      assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")));
    }
  }

  private static List<Container> concat(List<Container> init, List<Container> main) {
    List<Container> all = new ArrayList<>(init == null ? List.of() : init);
    all.addAll(main);
    return all;
  }
}
