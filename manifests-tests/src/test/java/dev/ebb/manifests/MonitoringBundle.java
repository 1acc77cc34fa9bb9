package dev.ebb.manifests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/** manifests/monitoring as kustomize renders it (what {@code kubectl apply -k} would send to the cluster). */
final class MonitoringBundle {

  private final List<JsonNode> objects;

  private MonitoringBundle(List<JsonNode> objects) {
    this.objects = objects;
  }

  /** Renders the bundle with {@code kubectl kustomize}; skips the calling test when kubectl is not installed. */
  static MonitoringBundle render() throws IOException, InterruptedException {
    assumeTrue(ExternalCommand.onPath("kubectl"),
        "kubectl is not on PATH: cannot render manifests/monitoring with `kubectl kustomize`, skipping");
    ExternalCommand.Result result = ExternalCommand.run(RepositoryLayout.root(),
        List.of("kubectl", "kustomize", "manifests/monitoring"));
    if (result.exitCode() != 0) {
      throw new AssertionError("kubectl kustomize manifests/monitoring failed:\n" + result.output());
    }
    return new MonitoringBundle(Yaml.documents(result.output()));
  }

  List<JsonNode> objects() {
    return objects;
  }

  JsonNode only(String kind) {
    List<JsonNode> matching = objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + kind + " in manifests/monitoring, found " + matching.size());
    }
    return matching.get(0);
  }
}
