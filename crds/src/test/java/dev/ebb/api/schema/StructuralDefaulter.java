package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Structural defaulting as the API server does it: in every object that is present, a missing property with a
 * {@code default} gets a copy of it, then defaulting descends into every property, the defaulted ones included.
 * An absent object stays absent: its nested defaults do not apply.
 */
final class StructuralDefaulter {

  private StructuralDefaulter() {
  }

  static void applyDefaults(JsonNode value, SchemaNode schema) {
    if (value instanceof ObjectNode object && !schema.intOrString()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.properties().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        JsonNode defaultValue = property.getValue().get("default");
        if (defaultValue != null && !object.has(property.getKey())) {
          object.set(property.getKey(), defaultValue.deepCopy());
        }
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        schema.property(field.getKey()).ifPresent(child -> applyDefaults(field.getValue(), child));
      }
    } else if (value instanceof ArrayNode array) {
      schema.items().ifPresent(items -> array.forEach(element -> applyDefaults(element, items)));
    }
  }
}
