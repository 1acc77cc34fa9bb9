package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON to CEL values, typed by the schema as the API server types them: integer to int, number to double. */
final class CelValues {

  private static final SchemaNode UNTYPED = new SchemaNode(MissingNode.getInstance());

  private CelValues() {
  }

  static Object of(JsonNode value, SchemaNode schema) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (var field : value.properties()) {
        SchemaNode child = schema.property(field.getKey()).orElse(UNTYPED);
        map.put(field.getKey(), of(field.getValue(), child));
      }
      return map;
    }
    if (value.isArray()) {
      SchemaNode items = schema.items().orElse(UNTYPED);
      List<Object> list = new ArrayList<>();
      value.forEach(element -> list.add(of(element, items)));
      return list;
    }
    if (value.isNumber()) {
      return "number".equals(schema.type()) || !value.isIntegralNumber()
          ? (Object) value.doubleValue() : (Object) value.longValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isNull() ? NullValue.NULL_VALUE : value.asText();
  }
}
