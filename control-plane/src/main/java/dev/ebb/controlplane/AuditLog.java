package dev.ebb.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The API server's audit log: every request the operator's ServiceAccount made, as the server saw it. */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** The operator's requests so far, oldest first (audit events at Metadata level, stage ResponseComplete). */
  public List<JsonNode> operatorRequests() {
    List<JsonNode> events = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        JsonNode event = JSON.readTree(line);
        if (ControlPlane.OPERATOR_USER.equals(event.at("/user/username").asText())) {
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  /** The operator's writes to one object that the server accepted (2xx): create, update, patch, delete. */
  public List<String> acceptedWrites(String resource, String namespace, String name) {
    return operatorRequests().stream()
        .filter(e -> resource.equals(e.at("/objectRef/resource").asText())
            && namespace.equals(e.at("/objectRef/namespace").asText())
            && name.equals(e.at("/objectRef/name").asText())
            && List.of("create", "update", "patch", "delete").contains(e.path("verb").asText())
            && e.at("/responseStatus/code").asInt() / 100 == 2)
        .map(e -> e.path("verb").asText() + " " + e.path("requestURI").asText())
        .toList();
  }
}
