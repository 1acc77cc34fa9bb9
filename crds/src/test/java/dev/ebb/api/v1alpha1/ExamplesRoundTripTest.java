package dev.ebb.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ebb.api.schema.CrdSchemaValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example pool in manifests/examples is one the API server accepts and the Java types read without loss. */
class ExamplesRoundTripTest {

  private static final Path EXAMPLES = Path.of("../manifests/examples");
  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.forWorkerPool();
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
          .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
          .sorted().toList().stream();
    }
  }

  @Test
  void theExamplesAreThere() throws IOException {
    assertThat(examples().map(file -> file.getFileName().toString())).contains("minimal.yaml", "complete.yaml");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void parsesIntoAWorkerPool(Path file) throws IOException {
    WorkerPool pool = read(file);

    assertThat(pool.getMetadata().getName()).isNotBlank();
    assertThat(pool.getSpec().getReplicas().getMax()).isNotNull();
    QueueSpec queue = pool.getSpec().getQueue();
    assertThat(queue.getRedis() != null ? queue.getRedis().getAddress() : queue.getPostgres().getHost())
        .isNotBlank();
    assertThat(pool.getSpec().getTemplate().getSpec().getContainers()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void passesTheCrdSchemaAndCelRules(Path file) throws IOException {
    assertThat(VALIDATOR.validate(YAML.readTree(file.toFile())).errors()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void roundTripsThroughTheJavaTypes(Path file) throws IOException {
    WorkerPool pool = read(file);
    JsonNode once = JSON.valueToTree(pool);
    JsonNode twice = JSON.valueToTree(Serialization.unmarshal(Serialization.asJson(pool), WorkerPool.class));

    assertThat(twice).isEqualTo(once);
    assertThat(missingFrom(once, YAML.readTree(file.toFile()), "")).as("fields of the file the Java types lost")
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void whatTheJavaTypesWriteAlsoPassesTheSchema(Path file) throws IOException {
    // The Java field defaults must be values the CRD accepts, or the operator could not write the pool back.
    assertThat(VALIDATOR.validate(JSON.valueToTree(read(file))).errors()).isEmpty();
  }

  @Test
  void completeExampleSetsEveryFieldOfTheSpec() throws IOException {
    JsonNode spec = YAML.readTree(EXAMPLES.resolve("complete.yaml").toFile()).path("spec");
    JsonNode schema = YAML.readTree(Path.of("workerpools.ebb.dev-v1.yml").toFile())
        .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    // enqueuedAtField is for format list only; the example uses format ebb and shows it as a comment. The options of
    // formats sidekiq, celery, bullmq and laravel are for their own format only: sidekiq.yaml, celery.yaml,
    // bullmq.yaml and laravel.yaml set them. The other backends' blocks replace redis: postgres.yaml shows its own.
    Set<String> allowedUnset = Set.of("queue.postgres", "queue.redis.enqueuedAtField", "queue.redis.sidekiqNamespace",
        "queue.redis.celery", "queue.redis.bullmq", "queue.redis.laravel");

    List<String> unset = new ArrayList<>();
    collectUnset(spec, schema, "", unset);
    assertThat(unset).as("spec fields complete.yaml does not set").containsExactlyInAnyOrderElementsOf(allowedUnset);
  }

  @ParameterizedTest
  @CsvSource({"celery.yaml, celery", "bullmq.yaml, bullmq", "laravel.yaml, laravel"})
  void eachFormatsExampleSetsEveryOptionOfItsFormat(String file, String format) throws IOException {
    JsonNode redis = YAML.readTree(EXAMPLES.resolve(file).toFile()).at("/spec/queue/redis");
    JsonNode schema = YAML.readTree(Path.of("workerpools.ebb.dev-v1.yml").toFile())
        .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/queue/properties/redis/properties/"
            + format);

    assertThat(redis.path("format").asText()).isEqualTo(format);
    List<String> unset = new ArrayList<>();
    collectUnset(redis.path(format), schema, format, unset);
    assertThat(unset).as("%s options %s does not set", format, file).isEmpty();
  }

  private static WorkerPool read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, WorkerPool.class);
    }
  }

  /** Paths of {@code source} whose value is not in {@code parsed}: what deserialization dropped or changed. */
  private static List<String> missingFrom(JsonNode parsed, JsonNode source, String path) {
    List<String> missing = new ArrayList<>();
    if (source.isObject()) {
      source.properties().forEach(field -> missing.addAll(
          missingFrom(parsed.path(field.getKey()), field.getValue(), path + "/" + field.getKey())));
    } else if (source.isArray()) {
      for (int i = 0; i < source.size(); i++) {
        missing.addAll(missingFrom(parsed.path(i), source.get(i), path + "/" + i));
      }
    } else if (!sameScalar(parsed, source)) {
      missing.add(path + ": " + source + " became " + (parsed.isMissingNode() ? "<absent>" : parsed));
    }
    return missing;
  }

  private static boolean sameScalar(JsonNode parsed, JsonNode source) {
    return parsed.equals(source) || (parsed.isNumber() && source.isNumber()
        && parsed.decimalValue().compareTo(source.decimalValue()) == 0);
  }

  /** The WorkerPool's own spec fields (not the PodTemplateSpec's) that {@code value} leaves unset. */
  @ParameterizedTest
  @MethodSource("examples")
  void theWorkerPodMeetsTheRestrictedPodSecurityStandard(Path file) throws IOException {
    WorkerPool pool = read(file);
    var pod = pool.getSpec().getTemplate().getSpec();

    assertThat(pod.getSecurityContext()).as("%s pod securityContext", file).isNotNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", file).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers()).allSatisfy(container -> {
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    });
  }

  private static void collectUnset(JsonNode value, JsonNode schema, String path, List<String> unset) {
    schema.path("properties").properties().forEach(property -> {
      String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      if (!value.has(property.getKey())) {
        unset.add(child);
      } else if (!child.equals("template")) {
        collectUnset(value.get(property.getKey()), property.getValue(), child, unset);
      }
    });
  }
}
