package dev.ebb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's permissions are exactly the calls it makes (docs/rbac.md): a new verb is a deliberate change to this
 * list, the manifests and the doc together.
 */
class RbacTest {

  private static final Path RBAC = Path.of("../manifests/rbac");

  @Test
  void clusterRoleGrantsExactlyTheOperatorsCalls() throws IOException {
    ClusterRole role = read("cluster_role.yaml", ClusterRole.class, "ebb-operator");

    assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
        "ebb.dev/workerpools:list", "ebb.dev/workerpools:watch",
        "ebb.dev/workerpools/status:patch",
        "ebb.dev/workerbudgets:list", "ebb.dev/workerbudgets:watch", "ebb.dev/workerbudgets/status:patch",
        "apps/deployments:get", "apps/deployments:list", "apps/deployments:watch", "apps/deployments:create",
        "apps/deployments:update", "apps/deployments:patch", "apps/replicasets:list", "apps/replicasets:watch",
        "core/pods:get", "core/pods:list", "core/pods:watch", "core/pods:delete", "core/pods:patch",
        "core/secrets:get",
        "core/events:create",
        "authorization.k8s.io/selfsubjectrulesreviews:create");
  }

  @Test
  void leasesOnlyThroughTheNamespacedRole() throws IOException {
    Role role = read("leader_election_role.yaml", Role.class, "ebb-operator-leader-election");

    assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
        "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:create", "coordination.k8s.io/leases:update",
        "coordination.k8s.io/leases:patch");
  }

  @Test
  void bindingsNameTheOperatorsServiceAccount() throws IOException {
    ClusterRoleBinding clusterBinding = read("cluster_role_binding.yaml", ClusterRoleBinding.class, "ebb-operator");
    RoleBinding binding = read("leader_election_role_binding.yaml", RoleBinding.class,
        "ebb-operator-leader-election");

    assertThat(clusterBinding.getRoleRef().getName()).isEqualTo("ebb-operator");
    assertThat(binding.getRoleRef().getName()).isEqualTo("ebb-operator-leader-election");
    for (var subjects : List.of(clusterBinding.getSubjects(), binding.getSubjects())) {
      assertThat(subjects).singleElement().satisfies(subject -> {
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo("ebb-operator");
        assertThat(subject.getNamespace()).isEqualTo("ebb-system");
      });
    }
  }

  @Test
  void docsListEveryGrantedResource() throws IOException {
    String doc = Files.readString(Path.of("../docs/rbac.md"));
    ClusterRole clusterRole = read("cluster_role.yaml", ClusterRole.class, "ebb-operator");
    Role role = read("leader_election_role.yaml", Role.class, "ebb-operator-leader-election");

    for (PolicyRule rule : concat(clusterRole.getRules(), role.getRules())) {
      rule.getResources().forEach(resource -> assertThat(doc).contains("`" + resource + "`"));
    }
  }

  private static Set<String> grants(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add((group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return grants;
  }

  private static List<PolicyRule> concat(List<PolicyRule> first, List<PolicyRule> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static <T extends HasMetadata> T read(String file, Class<T> type,
      String name) throws IOException {
    return ManifestFiles.only(ManifestFiles.parse(Files.readString(RBAC.resolve(file))), type, name);
  }
}
