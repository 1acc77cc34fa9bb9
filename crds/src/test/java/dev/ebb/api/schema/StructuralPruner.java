package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops what the API server drops before defaulting: fields the schema does not know (reported as strict field
 * validation reports them) and nulls of non-nullable fields.
 */
final class StructuralPruner {

  /** apiVersion, kind and metadata are always allowed at the root of a custom resource. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private StructuralPruner() {
  }

  static void prune(JsonNode root, SchemaNode schema, List<String> errors) {
    if (root instanceof ObjectNode object) {
      pruneObject(object, schema, "", errors);
    }
  }

  private static void pruneNode(JsonNode value, SchemaNode schema, String path, List<String> errors) {
    if (value instanceof ObjectNode object && !schema.intOrString()) {
      pruneObject(object, schema, path, errors);
    } else if (value instanceof ArrayNode array) {
      schema.items().ifPresent(items -> {
        for (int i = 0; i < array.size(); i++) {
          pruneNode(array.get(i), items, FieldErrors.item(path, i), errors);
        }
      });
    }
  }

  private static void pruneObject(ObjectNode object, SchemaNode schema, String path, List<String> errors) {
    List<String> drop = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      String fieldPath = FieldErrors.child(path, name);
      var property = schema.property(name);
      if (path.isEmpty() && ROOT_FIELDS.contains(name) && property.isEmpty()) {
        continue;
      }
      if (property.isPresent()) {
        if (field.getValue().isNull() && !property.get().nullable()) {
          drop.add(name);
        } else {
          pruneNode(field.getValue(), property.get(), fieldPath, errors);
        }
      } else if (!schema.keepsUndeclared()) {
        errors.add(FieldErrors.unknownField(fieldPath));
        drop.add(name);
      }
    }
    object.remove(drop);
  }
}
