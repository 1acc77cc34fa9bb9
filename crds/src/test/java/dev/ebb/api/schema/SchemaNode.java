package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Read-only accessors for one node of a structural OpenAPI v3 schema, as a CRD holds it. */
record SchemaNode(JsonNode raw) {

  String type() {
    return raw.path("type").asText("");
  }

  boolean intOrString() {
    return raw.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  boolean preservesUnknownFields() {
    return raw.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  boolean nullable() {
    return raw.path("nullable").asBoolean(false);
  }

  /** The schema of a named property: a declared one, else additionalProperties when it is a schema. */
  Optional<SchemaNode> property(String name) {
    JsonNode declared = raw.path("properties").get(name);
    if (declared != null) {
      return Optional.of(new SchemaNode(declared));
    }
    JsonNode additional = raw.get("additionalProperties");
    return additional != null && additional.isObject() ? Optional.of(new SchemaNode(additional)) : Optional.empty();
  }

  /** Whether a property the schema does not declare is kept rather than pruned. */
  boolean keepsUndeclared() {
    return preservesUnknownFields() || raw.path("additionalProperties").asBoolean(false);
  }

  Optional<SchemaNode> items() {
    JsonNode items = raw.get("items");
    return items != null && items.isObject() ? Optional.of(new SchemaNode(items)) : Optional.empty();
  }

  JsonNode properties() {
    return raw.path("properties");
  }

  JsonNode get(String keyword) {
    return raw.get(keyword);
  }
}
