package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The healthCheckExprs for WorkerPools in manifests/gitops/flux.yaml, evaluated as kustomize-controller does: the
 * object's top-level fields are the variables; inProgress, then failed, then current decide; none true, or an error
 * (a field that is not there yet), means still in progress.
 */
class FluxHealthCheckExprsTest {

  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("apiVersion", SimpleType.DYN).addVar("kind", SimpleType.DYN)
      .addVar("metadata", SimpleType.DYN).addVar("spec", SimpleType.DYN).addVar("status", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private static JsonNode exprs;

  @BeforeAll
  static void readExpressions() throws IOException {
    String flux = Files.readString(RepositoryLayout.root().resolve("manifests/gitops/flux.yaml"));
    for (JsonNode document : Yaml.documents(flux)) {
      for (JsonNode expr : document.path("spec").path("healthCheckExprs")) {
        if (expr.path("kind").asText().equals("WorkerPool")) {
          exprs = expr;
        }
      }
    }
    assertThat(exprs).as("healthCheckExprs for WorkerPool in flux.yaml").isNotNull();
    assertThat(exprs.path("apiVersion").asText()).isEqualTo("ebb.dev/v1alpha1");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "ready, Current", "scaled-to-zero, Current", "invalid-replicas, Failed", "secret-not-found, Failed",
      "workers-starting, InProgress", "new-generation, InProgress", "no-status, InProgress",
      "no-conditions, InProgress", "fallback, Current", "degraded, Current", "paused, Current"})
  void judgesTheSampleWorkerPools(String sample, String expected) throws Exception {
    Map<String, Object> variables = toCel(WorkerPoolSamples.read(sample));
    assertThat(status(variables)).isEqualTo(expected);
  }

  private static String status(Map<String, Object> variables) throws Exception {
    for (String field : List.of("inProgress", "failed", "current")) {
      String expression = exprs.path(field).asText();
      if (expression.isBlank()) {
        continue;
      }
      CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
      boolean matched;
      try {
        matched = Boolean.TRUE.equals(program.eval(variables));
      } catch (CelEvaluationException notThereYet) {
        return "InProgress";
      }
      if (matched) {
        return switch (field) {
          case "inProgress" -> "InProgress";
          case "failed" -> "Failed";
          default -> "Current";
        };
      }
    }
    return "InProgress";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toCel(JsonNode object) {
    return (Map<String, Object>) value(object);
  }

  /** JSON to CEL values: integers are int64, objects are maps, arrays are lists. */
  private static Object value(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        map.put(field.getKey(), value(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(value(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
