package dev.ebb.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ebb.api.v1alpha1.WorkerPoolCases.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.api.schema.CrdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kubectl apply} answers for a WorkerPool: the generated CRD's schema and CEL rules, applied by
 * {@link CrdSchemaValidator} as the API server applies them. The cases are {@link WorkerPoolCases}.
 */
class WorkerPoolSchemaTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.forWorkerPool();

  @ParameterizedTest
  @MethodSource("dev.ebb.api.v1alpha1.WorkerPoolCases#knownGaps")
  void rejectsWhatTheFirstCrdLetThrough(String patch, String expectedError) {
    assertThat(VALIDATOR.validate(pool(patch)).errors()).as("errors for %s", patch)
        .anyMatch(error -> error.startsWith(expectedError));
  }

  @ParameterizedTest
  @MethodSource("dev.ebb.api.v1alpha1.WorkerPoolCases#invalidPools")
  void rejectsInvalidPool(String patch, String expectedError) {
    CrdSchemaValidator.Result result = VALIDATOR.validate(pool(patch));

    assertThat(result.errors()).as("errors for %s", patch).contains(expectedError);
  }

  @ParameterizedTest
  @MethodSource("dev.ebb.api.v1alpha1.WorkerPoolCases#validPools")
  void acceptsValidPool(String patch) {
    CrdSchemaValidator.Result result = VALIDATOR.validate(pool(patch));

    assertThat(result.errors()).as("errors for %s", patch).isEmpty();
  }

  @Test
  void everyCelRuleInTheCrdCompiles() {
    // forWorkerPool() compiles every rule and throws when one does not compile; these are the ones it found.
    assertThat(VALIDATOR.rules()).hasSizeGreaterThanOrEqualTo(8)
        .contains("!has(self.min) || self.min <= self.max",
            "(has(self.redis) ? 1 : 0) + (has(self.postgres) ? 1 : 0) == 1");
  }

  @Test
  void defaultsFillPresentObjectsOnly() {
    JsonNode minimal = VALIDATOR.validate(pool("{}")).defaulted();
    JsonNode withEmptyBlocks = VALIDATOR.validate(pool("{spec: {scaling: {fallback: {}}, workers: {heartbeat: {}}}}"))
        .defaulted();

    assertThat(minimal.at("/spec/replicas/min").asInt()).isEqualTo(1);
    assertThat(minimal.at("/spec/queue/redis/format").asText()).isEqualTo("ebb");
    assertThat(minimal.at("/spec/scaling").isMissingNode()).as("absent objects stay absent").isTrue();
    assertThat(withEmptyBlocks.at("/spec/scaling/pollingInterval").asText()).isEqualTo("5s");
    assertThat(withEmptyBlocks.at("/spec/scaling/maxQueueLatency").asText()).isEqualTo("30s");
    assertThat(withEmptyBlocks.at("/spec/scaling/targetUtilization").asDouble()).isEqualTo(0.8);
    assertThat(withEmptyBlocks.at("/spec/scaling/paused").asBoolean(true)).isFalse();
    assertThat(withEmptyBlocks.at("/spec/scaling/fallback/afterFailures").asInt()).isEqualTo(3);
    assertThat(withEmptyBlocks.at("/spec/scaling/fallback/replicas").isMissingNode()).isTrue();
    assertThat(withEmptyBlocks.at("/spec/workers/concurrency").asInt()).isEqualTo(10);
    assertThat(withEmptyBlocks.at("/spec/workers/heartbeat/staleAfter").asText()).isEqualTo("60s");
    assertThat(withEmptyBlocks.at("/spec/workers/restartLimit").isMissingNode()).isTrue();
  }
}
