package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.e2e.cluster.EndToEnd;
import dev.ebb.e2e.support.TestPool;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Teams get WorkerPools through the roles they already hold: {@code manifests/rbac/tenant_roles.yaml} aggregates
 * into the built-in {@code edit} and {@code view}, on a real API server with its clusterrole-aggregation controller.
 * A developer bound to {@code edit} in a namespace applies and deletes pools there and nowhere else; an auditor bound
 * to {@code view} reads them and their status but cannot change them.
 */
class TenantRolesIT {

  private static final String TEAM = "e2e-team";
  private static final String OTHER = "e2e-other-team";
  private static EndToEnd cluster;

  @BeforeAll
  static void cluster() {
    cluster = EndToEnd.cluster();
    cluster.namespace(TEAM);
    cluster.namespace(OTHER);
  }

  @Test
  void editHolderManagesPoolsInItsNamespaceOnly() {
    try (KubernetesClient developer = userBoundTo("developer", "edit")) {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> create(developer, TEAM, "mailer") != null);
      assertThat(developer.resources(WorkerPool.class).inNamespace(TEAM).list().getItems()).hasSize(1);
      assertThatThrownBy(() -> create(developer, OTHER, "mailer"))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThat(developer.resources(WorkerPool.class).inNamespace(TEAM).withName("mailer").delete()).isNotEmpty();
    }
  }

  @Test
  void viewHolderReadsPoolsButCannotChangeThem() {
    cluster.admin().resources(WorkerPool.class).load(stream(TestPool.yaml(TEAM, "reports", spec("reports"))))
        .createOr(NonDeletingOperation::update);
    try (KubernetesClient auditor = userBoundTo("auditor", "view")) {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          auditor.resources(WorkerPool.class).inNamespace(TEAM).withName("reports").get() != null);
      assertThatThrownBy(() -> create(auditor, TEAM, "sneaky"))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> auditor.resources(WorkerPool.class).inNamespace(TEAM).withName("reports").delete())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  /** A ServiceAccount of the team's namespace, bound there to a built-in ClusterRole, with a TokenRequest token. */
  private static KubernetesClient userBoundTo(String name, String clusterRole) {
    KubernetesClient admin = cluster.admin();
    admin.serviceAccounts().inNamespace(TEAM).resource(new ServiceAccountBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).createOr(NonDeletingOperation::update);
    admin.rbac().roleBindings().inNamespace(TEAM).resource(new RoleBindingBuilder().withNewMetadata()
        .withName(name + "-" + clusterRole).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole)
        .endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(TEAM).endSubject()
        .build()).createOr(NonDeletingOperation::update);
    String token = admin.serviceAccounts().inNamespace(TEAM).withName(name)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    return cluster.controlPlane().clientWithToken(token);
  }

  private static WorkerPool create(KubernetesClient client, String namespace, String name) {
    return client.resources(WorkerPool.class).load(stream(TestPool.yaml(namespace, name, spec(name)))).create();
  }

  private static String spec(String queue) {
    return """
          replicas: {min: 0, max: 2}
          queue:
            redis: {address: "redis://redis.%s.svc:6379/0", queue: %s}
        """.formatted(TEAM, queue);
  }

  private static ByteArrayInputStream stream(String yaml) {
    return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
  }
}
