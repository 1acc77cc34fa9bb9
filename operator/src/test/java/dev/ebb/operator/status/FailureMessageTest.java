package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

  /** What fabric8 7.5.2 throws on a 403: the request, the server's message and the whole Status, several KB. */
  private static KubernetesClientException forbidden() {
    Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
        .withMessage("pods \"w0\" is forbidden: User \"system:serviceaccount:ebb-system:ebb-operator\" cannot get "
            + "resource \"pods\" in API group \"\" in the namespace \"shop\"")
        .withNewDetails().withKind("pods").withName("w0").endDetails()
        .build();
    String message = "Failure executing: GET at: https://10.96.0.1:443/api/v1/namespaces/shop/pods/w0. Message: "
        + status.getMessage() + ". Received status: " + status + ".\n" + "x".repeat(3000);
    return new KubernetesClientException(message, 403, status);
  }

  @Test
  void aForbiddenAnswerBecomesOneShortSentenceNamingCodeReasonAndResource() {
    assertThat(FailureMessage.reconcileFailed(forbidden()))
        .isEqualTo("reconcile failed: the API server answered 403 Forbidden for pods; see the operator log");
  }

  @Test
  void theApiServersAnswerIsFoundInsideAWrappingException() {
    RuntimeException wrapped = new IllegalStateException("while scaling: " + forbidden().getMessage(), forbidden());

    assertThat(FailureMessage.cause(wrapped)).isEqualTo("the API server answered 403 Forbidden for pods");
  }

  @Test
  void aStatusWithoutReasonIsNamedByItsCode() {
    assertThat(FailureMessage.cause(new KubernetesClientException("conflict", 409, null)))
        .isEqualTo("the API server answered 409 Conflict");
  }

  @Test
  void aConflictIsRecognisedInsideAWrappingExceptionAndNothingElseIs() {
    var conflict = new KubernetesClientException("the object has been modified", 409, null);

    assertThat(FailureMessage.isConflict(new IllegalStateException("while scaling", conflict))).isTrue();
    assertThat(FailureMessage.isConflict(forbidden())).isFalse();
    assertThat(FailureMessage.isConflict(new IllegalStateException("no API call"))).isFalse();
  }

  @Test
  void anApiServerThatDidNotAnswerIsSaidSo() {
    var unreachable = new KubernetesClientException("Operation: [create] failed", new IOException("refused"));

    assertThat(FailureMessage.reconcileFailed(unreachable))
        .isEqualTo("reconcile failed: the API server could not be reached; see the operator log");
  }

  @Test
  void anyOtherFailureGivesItsKindAndTheStartOfItsFirstLineOnly() {
    String message = FailureMessage.reconcileFailed(new IllegalStateException("y".repeat(500) + "\nsecond line",
        new RuntimeException("the cause")));

    assertThat(message).startsWith("reconcile failed: IllegalStateException (yyy").endsWith("; see the operator log")
        .doesNotContain("\n").doesNotContain("second line").doesNotContain("the cause");
    assertThat(message.length()).isLessThanOrEqualTo(FailureMessage.MAX_LENGTH);
  }
}
