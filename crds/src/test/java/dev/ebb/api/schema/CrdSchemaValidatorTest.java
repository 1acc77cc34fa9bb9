package dev.ebb.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The validator's own mechanics, on small inline schemas, so that WorkerPoolSchemaTest can trust it. */
class CrdSchemaValidatorTest {

  private static final String SCHEMA = """
      type: object
      properties:
        spec:
          type: object
          required: [size]
          x-kubernetes-validations:
            - {rule: "self.size <= self.limit", message: "size must not exceed limit"}
            - {rule: "!has(self.name) || self.name != 'forbidden'", message: "that name", reason: FieldValueForbidden}
          properties:
            size: {type: integer}
            limit: {type: integer, default: 10}
            name: {type: string}
            nested:
              type: object
              properties:
                inner: {type: object, properties: {level: {type: string, default: info}}}
            amount: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
            labels: {type: object, additionalProperties: {type: string}}
            free: {type: object, x-kubernetes-preserve-unknown-fields: true}
            items: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}
      """;

  private final CrdSchemaValidator validator = new CrdSchemaValidator(CrdSchemaValidator.readYaml(SCHEMA));

  @Test
  void evaluatesCelRulesOnTheDefaultedObject() {
    assertThat(validator.validate("{spec: {size: 10}}").errors()).isEmpty();
    assertThat(validator.validate("{spec: {size: 11}}").errors())
        .containsExactly("spec: Invalid value: \"object\": size must not exceed limit");
    assertThat(validator.validate("{spec: {size: 1, name: forbidden}}").errors())
        .containsExactly("spec: Forbidden: that name");
  }

  @Test
  void defaultsDescendIntoPresentObjectsOnly() {
    assertThat(validator.validate("{spec: {size: 1, nested: {inner: {}}}}").defaulted().at("/spec/nested/inner/level")
        .asText()).isEqualTo("info");
    assertThat(validator.validate("{spec: {size: 1, nested: {}}}").defaulted().at("/spec/nested/inner")
        .isMissingNode()).isTrue();
  }

  @Test
  void reportsUnknownFieldsButKeepsPreservedAndAdditionalOnes() {
    assertThat(validator.validate("{spec: {size: 1, labels: {a: b}, free: {anything: [1]}, extra: 1}}").errors())
        .containsExactly("unknown field \"spec.extra\"");
    assertThat(validator.validate("{spec: {size: 1, items: [{id: a, x: 1}]}}").errors())
        .containsExactly("unknown field \"spec.items[0].x\"");
  }

  @Test
  void checksTypesIntOrStringAndNestedRequired() {
    assertThat(validator.validate("{spec: {size: 1, amount: 3}}").errors()).isEmpty();
    assertThat(validator.validate("{spec: {size: 1, amount: '3%'}}").errors()).isEmpty();
    assertThat(validator.validate("{spec: {size: 1, amount: 1.5}}").errors()).first().asString()
        .startsWith("spec.amount: Invalid value: \"number\": spec.amount in body must be of type integer,string");
    assertThat(validator.validate("{spec: {size: 1, items: [{}]}}").errors())
        .containsExactly("spec.items[0].id: Required value", CrdSchemaValidator.RULES_SKIPPED);
    assertThat(validator.validate("{spec: {size: 1, labels: {a: 1}}}").errors())
        .contains("spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string:"
            + " \"integer\"");
  }

  @Test
  void typeErrorsBlockTheCelRulesAsOnTheApiServer() {
    assertThat(validator.validate("{spec: {size: 'big'}}").errors()).containsExactly(
        "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"",
        CrdSchemaValidator.RULES_SKIPPED);
  }

  @Test
  void missingRequiredFieldsBlockTheCelRulesToo() {
    assertThat(validator.validate("{spec: {limit: 1}}").errors())
        .containsExactly("spec.size: Required value", CrdSchemaValidator.RULES_SKIPPED);
  }

  @Test
  void aRuleThatDoesNotCompileFailsLikeTheCrdWouldOnCreation() {
    assertThatThrownBy(() -> new CrdSchemaValidator(CrdSchemaValidator.readYaml("""
        type: object
        x-kubernetes-validations: [{rule: "self.a <=", message: m}]
        """))).isInstanceOf(IllegalStateException.class).hasMessageContaining("self.a <=");
    assertThatThrownBy(() -> new CrdSchemaValidator(CrdSchemaValidator.readYaml("""
        type: object
        x-kubernetes-validations: [{rule: "1 + 1", message: m}]
        """))).isInstanceOf(IllegalStateException.class).hasMessageContaining("not bool");
  }
}
