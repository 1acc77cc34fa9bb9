package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Error texts worded as the API server words them (k8s.io/apimachinery field.Error and kube-openapi). */
final class FieldErrors {

  private FieldErrors() {
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  static String required(String path) {
    return path + ": Required value";
  }

  static String required(String path, String detail) {
    return path + ": Required value: " + detail;
  }

  /** field.TooLongMaxLength in the wording of Kubernetes 1.28, the API server the end-to-end suite runs. */
  static String tooLong(String path, int maxLength) {
    return path + ": Too long: may not be longer than " + maxLength;
  }

  static String forbidden(String path, String detail) {
    return path + ": Forbidden: " + detail;
  }

  static String unknownField(String path) {
    return "unknown field \"" + path + "\"";
  }

  /** {@code spec.x: Invalid value: <value>: <detail>}; the value is quoted when it is a string. */
  static String invalid(String path, JsonNode value, String detail) {
    return path + ": Invalid value: " + render(value) + ": " + detail;
  }

  static String invalidType(String path, String actualType, String expectedType) {
    return invalid(path, TextNode.valueOf(actualType),
        path + " in body must be of type " + expectedType + ": \"" + actualType + "\"");
  }

  static String unsupported(String path, JsonNode value, JsonNode allowed) {
    String supported = StreamSupport.stream(allowed.spliterator(), false)
        .map(FieldErrors::render).collect(Collectors.joining(", "));
    return path + ": Unsupported value: " + render(value) + ": supported values: " + supported;
  }

  /** Go's %v of a float64 bound: 1 rather than 1.0, 0.05 as is. */
  static String number(JsonNode bound) {
    return bound.decimalValue().stripTrailingZeros().toPlainString();
  }

  static String render(JsonNode value) {
    if (value.isTextual()) {
      return value.toString();
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? value.asText() : new BigDecimal(value.asText()).stripTrailingZeros()
          .toPlainString();
    }
    return value.toString();
  }

  static String typeOf(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    return "null";
  }
}
