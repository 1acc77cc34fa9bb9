package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * manifests/gitops/argocd-health-workerpool.lua, run as Argo CD runs it (the object as the global {@code obj}, the
 * script returns {@code {status, message}}) against sample WorkerPools in src/test/resources/workerpools.
 */
class WorkerPoolHealthLuaTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ready             | Healthy     | WorkersReady: 3 of 3 workers ready
      scaled-to-zero    | Healthy     | ScaledToZero: the queue is empty
      invalid-replicas  | Degraded    | Invalid WorkerPool: InvalidReplicas: replicas.min (5) must not exceed
      secret-not-found  | Degraded    | Invalid WorkerPool: SecretNotAvailable: Secret redis key password
      workers-starting  | Progressing | WorkersStarting: 1 of 3 workers ready
      new-generation    | Progressing | Waiting for the Ebb operator to observe generation 3
      no-status         | Progressing | Waiting for the Ebb operator to report the pool's status
      no-conditions     | Progressing | Waiting for the Ready condition
      fallback          | Degraded    | Running the fallback replica count, the queue cannot be measured: QueueUnreachable
      degraded          | Degraded    | StaleRestartsWithheld: 4 of 6 workers look stale
      paused            | Suspended   | Scaling is paused
      """)
  void reportsTheWorkerPoolsHealth(String sample, String status, String message) throws IOException {
    LuaValue health = runHealthCheck(sampleObject(sample));
    assertThat(health.get("status").tojstring()).isEqualTo(status);
    assertThat(health.get("message").tojstring()).startsWith(message);
  }

  @ParameterizedTest(name = "Ready=False {0} is an invalid spec")
  @CsvSource({"InvalidSpec", "InvalidReplicas", "InvalidQueue", "InvalidAddress", "InvalidDuration", "NoContainers",
      "SecretNotAvailable", "InvalidSecretReference", "DeploymentConflict",
      "AddressNotAllowed"})
  void everyInvalidSpecReasonIsDegraded(String reason) throws IOException {
    JsonNode pool = sampleObject("invalid-replicas");
    ((com.fasterxml.jackson.databind.node.ObjectNode) pool.path("status").path("conditions").get(0))
        .put("reason", reason);
    LuaValue health = runHealthCheck(pool);
    assertThat(health.get("status").tojstring()).isEqualTo("Degraded");
    assertThat(health.get("message").tojstring()).contains(reason);
  }

  private static LuaValue runHealthCheck(JsonNode object) throws IOException {
    String script = Files.readString(RepositoryLayout.root().resolve("manifests/gitops/argocd-health-workerpool.lua"));
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(object));
    LuaValue result = globals.load(script, "argocd-health-workerpool.lua").call();
    assertThat(result.istable()).as("the script returns a table").isTrue();
    return result;
  }

  private static JsonNode sampleObject(String name) throws IOException {
    return WorkerPoolSamples.read(name);
  }

  /** JSON to Lua as Argo CD converts objects: objects and arrays become tables (arrays 1-based), null is nil. */
  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf((double) node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isNull()) {
      return LuaValue.NIL;
    }
    return LuaValue.valueOf(node.asText());
  }
}
