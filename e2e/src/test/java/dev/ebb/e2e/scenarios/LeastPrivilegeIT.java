package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.controlplane.ControlPlane;
import dev.ebb.e2e.cluster.EndToEnd;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, decided by the real authorizer: the API server's audit log holds every request the operator's
 * ServiceAccount made during the whole suite (install, scaling, restarts, outages, conflicts, leader hand-over). None
 * may have been refused (403), and every verb the rendered {@code manifests/rbac/} grants must have been used, or be
 * listed here with the reason it stays. Runs last. (It replaces a check on the mock API server that judged the
 * recorded requests with a hand-written RBAC evaluator: the evaluator agreed with the manifests while the real
 * authorizer refused every scale-down.)
 */
@Order(Integer.MAX_VALUE)
class LeastPrivilegeIT {

  /** Granted, not exercised by the suite, needed on a path it does not take. */
  private static final Map<String, String> NEEDED_ELSEWHERE = Map.of();

  @Test
  void noCallWasRefusedAndEveryGrantWasUsed() {
    EndToEnd cluster = EndToEnd.cluster();
    List<JsonNode> calls = cluster.controlPlane().auditLog().operatorRequests();
    assertThat(calls).as("the operator's calls in the audit log: run this class with the whole suite").isNotEmpty();

    List<String> refused = calls.stream()
        .filter(c -> "forbid".equals(c.at("/annotations/authorization.k8s.io~1decision").asText()))
        .map(c -> c.path("verb").asText() + " " + c.path("requestURI").asText()).distinct().toList();
    assertThat(refused).as("calls the API server refused the operator").isEmpty();

    Set<String> used = new TreeSet<>();
    calls.stream().filter(c -> c.has("objectRef")).forEach(c -> used.add(permission(c.at("/objectRef/apiGroup").asText(""), resource(c),
        c.path("verb").asText())));
    Set<String> unused = new TreeSet<>(granted(cluster));
    unused.removeAll(used);
    unused.removeAll(NEEDED_ELSEWHERE.keySet());
    assertThat(unused).as("granted in manifests/rbac/ but never used by the operator (used: %s)", used).isEmpty();
    System.out.println("[e2e] least privilege: " + calls.size() + " calls by " + ControlPlane.OPERATOR_USER
        + ", none refused; every grant used: " + used);
  }

  /** "group resource verb" for every verb the rendered ClusterRole and Role grant. */
  private static Set<String> granted(EndToEnd cluster) {
    String rendered = cluster.kubectl().run(null, "kustomize", System.getProperty("ebb.manifests"));
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)));
    List<PolicyRule> rules = new ArrayList<>();
    for (Object item : (List<?>) parsed) {
      HasMetadata object = (HasMetadata) item;
      if (object instanceof ClusterRole role && role.getMetadata().getName().equals("ebb-operator")) {
        rules.addAll(role.getRules());
      } else if (object instanceof Role role && role.getMetadata().getName().startsWith("ebb-operator")) {
        rules.addAll(role.getRules());
      }
    }
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          rule.getVerbs().forEach(verb -> granted.add(permission(group, resource, verb)));
        }
      }
    }
    return granted;
  }

  private static String resource(JsonNode call) {
    String subresource = call.at("/objectRef/subresource").asText("");
    return call.at("/objectRef/resource").asText() + (subresource.isEmpty() ? "" : "/" + subresource);
  }

  private static String permission(String group, String resource, String verb) {
    return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
  }
}
