package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-kubernetes-validations} of a schema, compiled with cel-java the way the API server compiles them when
 * the CRD is created (a rule that does not compile, or does not yield a bool, is an error here as it is there), and
 * evaluated with {@code self} bound to the node each rule sits on.
 */
final class CelRules {

  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final Map<String, CelRuntime.Program> programs = new LinkedHashMap<>();

  /** Compiles every rule in the schema; throws {@link IllegalStateException} listing the ones that fail. */
  CelRules(SchemaNode root) {
    List<String> failures = new ArrayList<>();
    compileAll(root.raw(), "", failures);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("x-kubernetes-validations rules that the API server would reject:\n"
          + String.join("\n", failures));
    }
  }

  int size() {
    return programs.size();
  }

  List<String> rules() {
    return List.copyOf(programs.keySet());
  }

  private void compileAll(JsonNode schema, String path, List<String> failures) {
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      String rule = validation.path("rule").asText();
      if (programs.containsKey(rule)) {
        continue;
      }
      CelValidationResult result = COMPILER.compile(rule);
      if (result.hasError()) {
        failures.add("at " + (path.isEmpty() ? "<root>" : path) + ": " + rule + "\n" + result.getErrorString());
        continue;
      }
      try {
        CelAbstractSyntaxTree ast = result.getAst();
        if (ast.getResultType() != SimpleType.BOOL && ast.getResultType() != SimpleType.DYN) {
          failures.add("at " + path + ": " + rule + " yields " + ast.getResultType() + ", not bool");
          continue;
        }
        programs.put(rule, RUNTIME.createProgram(ast));
      } catch (Exception e) {
        failures.add("at " + path + ": " + rule + ": " + e.getMessage());
      }
    }
    for (var property : schema.path("properties").properties()) {
      compileAll(property.getValue(), FieldErrors.child(path, property.getKey()), failures);
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      compileAll(additional, path + "[*]", failures);
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      compileAll(items, path + "[*]", failures);
    }
  }

  /** Evaluates the rules on {@code value} and everything below it, adding one error per rule that fails. */
  void evaluate(JsonNode value, SchemaNode schema, String path, List<String> errors) {
    if (value.isObject() && !schema.intOrString()) {
      for (var field : value.properties()) {
        schema.property(field.getKey()).ifPresent(
            child -> evaluate(field.getValue(), child, FieldErrors.child(path, field.getKey()), errors));
      }
    } else if (value.isArray()) {
      schema.items().ifPresent(items -> {
        for (int i = 0; i < value.size(); i++) {
          evaluate(value.get(i), items, FieldErrors.item(path, i), errors);
        }
      });
    }
    JsonNode validations = schema.get("x-kubernetes-validations");
    if (validations == null) {
      return;
    }
    Object self = CelValues.of(value, schema);
    for (JsonNode validation : validations) {
      String rule = validation.path("rule").asText();
      String message = validation.path("message").asText("failed rule: " + rule);
      String typeName = schema.type().isEmpty() ? "object" : schema.type();
      try {
        Object result = programs.get(rule).eval(Map.of("self", self));
        if (!Boolean.TRUE.equals(result)) {
          errors.add(failure(path, validation.path("reason").asText("FieldValueInvalid"), typeName, message));
        }
      } catch (CelEvaluationException e) {
        errors.add(FieldErrors.invalid(path, TextNode.valueOf(typeName),
            "rule evaluation error: " + rule + ": " + e.getMessage()));
      }
    }
  }

  private static String failure(String path, String reason, String typeName, String message) {
    return switch (reason) {
      case "FieldValueRequired" -> FieldErrors.required(path, message);
      case "FieldValueForbidden" -> FieldErrors.forbidden(path, message);
      default -> FieldErrors.invalid(path, TextNode.valueOf(typeName), message);
    };
  }
}
