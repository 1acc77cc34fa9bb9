package dev.ebb.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/** The sample WorkerPools in src/test/resources/workerpools, one per state the operator can report. */
final class WorkerPoolSamples {

  private WorkerPoolSamples() {
  }

  static JsonNode read(String name) throws IOException {
    try (InputStream in = WorkerPoolSamples.class.getResourceAsStream("/workerpools/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no sample WorkerPool " + name);
      }
      return Yaml.JSON.readTree(in);
    }
  }
}
