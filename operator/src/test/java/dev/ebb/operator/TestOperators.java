package dev.ebb.operator;

import dev.ebb.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.time.Duration;

/** Starts Ebb's operator on a mock API server for a test: the generated CRD first, then the operator. */
public final class TestOperators {

  private TestOperators() {
  }

  /** Test settings: ephemeral HTTP port, invalid specs looked at again after 2s, every status change written. */
  public static OperatorConfig config() {
    return OperatorConfig.defaults()
        .withInvalidSpecRetry(Duration.ofSeconds(2))
        .withStatusFiguresInterval(Duration.ZERO);
  }

  /**
   * With leader election on, JOSDK first checks its Lease permissions with a SelfSubjectRulesReview, which the mock
   * server answers 422 unless told otherwise: this answers it with the Lease verbs the operator's Role grants.
   */
  public static void allowLeaseChecks(KubernetesMockServer server) {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewStatus().withIncomplete(false)
              .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                .withVerbs("get", "create", "update").endResourceRule()
            .endStatus().build())
        .always();
  }

  /** Creates the WorkerPool CRD (which makes the mock server honour the status subresource) and starts Ebb. */
  public static EbbOperator startWithCrd(KubernetesClient client) throws IOException {
    client.apiextensions().v1().customResourceDefinitions()
        .load(TestOperators.class.getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    return EbbOperator.start(config(), client);
  }
}
