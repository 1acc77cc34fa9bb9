package dev.ebb.operator.security;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's permissions as {@code manifests/rbac/} grants them: the ClusterRole everywhere, the leader-election
 * Role in the operator's namespace only. Matches a request the way the API server's RBAC authorizer does.
 */
final class RbacRules {

  /** One request as RBAC sees it; {@code resource} includes the subresource ({@code workerpools/status}). */
  record Attributes(String verb, String group, String resource, String namespace, String name) {

    String permission() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  /** One granted (group, resource, verb), with the manifest that grants it. */
  record Grant(String group, String resource, String verb, String source) {

    String permission() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  private record Scoped(PolicyRule rule, Optional<String> namespace, String source) {
  }

  private final List<Scoped> rules = new ArrayList<>();

  static RbacRules fromManifests(Path rbac, String operatorNamespace) throws IOException {
    KubernetesSerialization yaml = new KubernetesSerialization();
    RbacRules result = new RbacRules();
    try (InputStream in = Files.newInputStream(rbac.resolve("cluster_role.yaml"))) {
      yaml.unmarshal(in, ClusterRole.class).getRules()
          .forEach(r -> result.rules.add(new Scoped(r, Optional.empty(), "cluster_role.yaml")));
    }
    try (InputStream in = Files.newInputStream(rbac.resolve("leader_election_role.yaml"))) {
      yaml.unmarshal(in, Role.class).getRules()
          .forEach(r -> result.rules.add(new Scoped(r, Optional.of(operatorNamespace), "leader_election_role.yaml")));
    }
    return result;
  }

  boolean allows(Attributes request) {
    return rules.stream().anyMatch(s -> (s.namespace.isEmpty() || s.namespace.get().equals(request.namespace()))
        && matches(s.rule.getApiGroups(), request.group())
        && matches(s.rule.getResources(), request.resource())
        && matches(s.rule.getVerbs(), request.verb())
        && (s.rule.getResourceNames() == null || s.rule.getResourceNames().isEmpty()
            || s.rule.getResourceNames().contains(request.name())));
  }

  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Scoped s : rules) {
      for (String group : s.rule.getApiGroups()) {
        for (String resource : s.rule.getResources()) {
          for (String verb : s.rule.getVerbs()) {
            grants.add(new Grant(group, resource, verb, s.source));
          }
        }
      }
    }
    return grants;
  }

  private static boolean matches(List<String> granted, String value) {
    return granted != null && (granted.contains("*") || granted.contains(value));
  }
}
