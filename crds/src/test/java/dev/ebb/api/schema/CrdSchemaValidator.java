package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a custom resource against a CRD's {@code openAPIV3Schema} in the order the API server does: prune unknown
 * fields (reported as strict field validation reports them), apply defaults, check values, then, when no type or enum
 * error blocks them, evaluate the CEL rules. Errors are worded like the API server's.
 */
public final class CrdSchemaValidator {

  /** Where CrdGeneration writes the WorkerPool CRD during process-test-classes (on the test classpath). */
  public static final String GENERATED_CRD = "META-INF/fabric8/workerpools.ebb.dev-v1.yml";

  static final String RULES_SKIPPED = "<nil>: Invalid value: \"null\": some validation rules were not checked because"
      + " the object was invalid; correct the existing errors to complete validation";

  private static final YAMLMapper YAML = new YAMLMapper();

  private final SchemaNode schema;
  private final CelRules rules;

  public CrdSchemaValidator(JsonNode openApiV3Schema) {
    this.schema = new SchemaNode(openApiV3Schema);
    this.rules = new CelRules(schema);
  }

  /** The validator for the generated WorkerPool CRD (its first and only version). */
  public static CrdSchemaValidator forWorkerPool() {
    try (InputStream in = CrdSchemaValidator.class.getClassLoader().getResourceAsStream(GENERATED_CRD)) {
      if (in == null) {
        throw new IllegalStateException(GENERATED_CRD + " not on the classpath: run ./mvnw -pl crds process-test-classes");
      }
      return new CrdSchemaValidator(YAML.readTree(in).at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode readYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CEL rules of the schema, every one compiled. */
  public List<String> rules() {
    return rules.rules();
  }

  /** Validates a copy of {@code document}; the result holds the pruned and defaulted copy and the errors. */
  public Result validate(JsonNode document) {
    JsonNode copy = document.deepCopy();
    List<String> errors = new ArrayList<>();
    if (!(copy instanceof ObjectNode)) {
      errors.add("<root>: Invalid value: the document is not an object");
      return new Result(copy, errors);
    }
    StructuralPruner.prune(copy, schema, errors);
    StructuralDefaulter.applyDefaults(copy, schema);
    ValueChecks checks = new ValueChecks(errors);
    checks.check(copy, schema, "");
    if (checks.foundBlockingError()) {
      errors.add(RULES_SKIPPED);
    } else {
      rules.evaluate(copy, schema, "", errors);
    }
    return new Result(copy, List.copyOf(errors));
  }

  public Result validate(String yaml) {
    return validate(readYaml(yaml));
  }

  /** The document as the API server would store it, and what it would answer. */
  public record Result(JsonNode defaulted, List<String> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }
}
