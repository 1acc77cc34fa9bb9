package dev.ebb.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing the YAML and JSON files under test, as Jackson trees. */
final class Yaml {

  static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private Yaml() {
  }

  static JsonNode read(Path file) throws IOException {
    return file.toString().endsWith(".json") ? JSON.readTree(file.toFile()) : YAML.readTree(file.toFile());
  }

  /** Every document of a multi-document YAML stream, such as the output of {@code kubectl kustomize}. */
  static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var iterator = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (iterator.hasNext()) {
        JsonNode document = iterator.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  static void write(Path file, JsonNode tree) throws IOException {
    Files.writeString(file, YAML.writeValueAsString(tree));
  }
}
