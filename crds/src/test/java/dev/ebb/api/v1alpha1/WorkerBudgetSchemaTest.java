package dev.ebb.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ebb.api.schema.CrdSchemaValidator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply} answers for a WorkerBudget, by the generated CRD's schema. */
class WorkerBudgetSchemaTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final CrdSchemaValidator VALIDATOR = validator();

  private static CrdSchemaValidator validator() {
    try {
      return new CrdSchemaValidator(YAML.readTree(Path.of("workerbudgets.ebb.dev-v1.yml").toFile())
          .at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theExampleBudgetIsAccepted() throws IOException {
    assertThat(VALIDATOR.validate(YAML.readTree(Path.of("../manifests/examples/budget/orders-db.yaml").toFile()))
        .errors()).isEmpty();
  }

  @Test
  void aBudgetWithoutALimitIsRejected() {
    assertThat(VALIDATOR.validate("{apiVersion: ebb.dev/v1alpha1, kind: WorkerBudget, metadata: {name: db},"
        + " spec: {selector: {matchLabels: {a: b}}}}").errors()).contains("spec.limit: Required value");
  }

  @Test
  void aLimitBelowOneIsRejected() {
    assertThat(VALIDATOR.validate("{apiVersion: ebb.dev/v1alpha1, kind: WorkerBudget, metadata: {name: db},"
        + " spec: {limit: 0}}").errors())
        .contains("spec.limit: Invalid value: 0: spec.limit in body should be greater than or equal to 1");
  }

  @Test
  void aBudgetWithoutASelectorIsAccepted() {
    assertThat(VALIDATOR.validate("{apiVersion: ebb.dev/v1alpha1, kind: WorkerBudget, metadata: {name: db},"
        + " spec: {limit: 60}}").errors()).isEmpty();
  }
}
