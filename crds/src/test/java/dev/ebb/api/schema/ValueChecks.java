package dev.ebb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenAPI value checks of a structural schema: type, int-or-string, enum, required, pattern, minimum/maximum,
 * minLength/maxLength, array items. Type, enum, required and maxLength failures are "blocking": with them the API
 * server does not run the CEL rules (apiextensions-apiserver's hasBlockingErr), and neither does
 * {@link CrdSchemaValidator}. Messages follow apiextensions' kubeOpenAPIResultToFieldErrors; for int-or-string the
 * API server reports its anyOf branches, here one "integer,string" type error stands for them.
 */
final class ValueChecks {

  private final List<String> errors;
  private boolean blocking;

  ValueChecks(List<String> errors) {
    this.errors = errors;
  }

  boolean foundBlockingError() {
    return blocking;
  }

  void check(JsonNode value, SchemaNode schema, String path) {
    if (!hasExpectedType(value, schema, path)) {
      return;
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && !contains(allowed, value)) {
      errors.add(FieldErrors.unsupported(path, value, allowed));
      blocking = true;
      return;
    }
    if (value.isTextual()) {
      checkString(value, schema, path);
    } else if (value.isNumber()) {
      checkNumber(value, schema, path);
    } else if (value.isObject()) {
      checkObject(value, schema, path);
    } else if (value.isArray()) {
      schema.items().ifPresent(items -> {
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), items, FieldErrors.item(path, i));
        }
      });
    }
  }

  private boolean hasExpectedType(JsonNode value, SchemaNode schema, String path) {
    String actual = FieldErrors.typeOf(value);
    String expected = schema.intOrString() ? "integer,string" : schema.type();
    boolean ok = switch (expected) {
      case "integer,string" -> value.isTextual() || isInteger(value);
      case "integer" -> isInteger(value);
      case "number" -> value.isNumber();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> schema.preservesUnknownFields(); // untyped: only allowed with x-kubernetes-preserve-unknown-fields
    };
    if (!ok) {
      errors.add(FieldErrors.invalidType(path, actual, expected.isEmpty() ? "object" : expected));
      blocking = true;
    }
    return ok;
  }

  /** Like kube-openapi, 3.0 counts as an integer. */
  private static boolean isInteger(JsonNode value) {
    return value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private void checkString(JsonNode value, SchemaNode schema, String path) {
    String text = value.asText();
    JsonNode pattern = schema.get("pattern");
    // The API server uses Go's RE2; the CRD's patterns use no feature where java.util.regex differs.
    if (pattern != null && !Pattern.compile(pattern.asText()).matcher(text).find()) {
      errors.add(FieldErrors.invalid(path, value, path + " in body should match '" + pattern.asText() + "'"));
    }
    int length = text.codePointCount(0, text.length());
    JsonNode minLength = schema.get("minLength");
    if (minLength != null && length < minLength.asInt()) {
      errors.add(FieldErrors.invalid(path, value,
          path + " in body should be at least " + minLength.asInt() + " chars long"));
    }
    JsonNode maxLength = schema.get("maxLength");
    if (maxLength != null && length > maxLength.asInt()) {
      errors.add(FieldErrors.tooLong(path, maxLength.asInt()));
      blocking = true;
    }
  }

  /**
   * minimum and maximum as kube-openapi applies them: an integer value is compared with the bound truncated to an
   * integer (so {@code 0} passes {@code minimum: 0.05}, and the message names {@code 0}); a fractional value with the
   * bound itself.
   */
  private void checkNumber(JsonNode value, SchemaNode schema, String path) {
    double number = value.doubleValue();
    JsonNode minimum = schema.get("minimum");
    if (minimum != null) {
      boolean exclusive = schema.raw().path("exclusiveMinimum").asBoolean(false);
      JsonNode bound = boundFor(value, minimum);
      if (exclusive ? number <= bound.doubleValue() : number < bound.doubleValue()) {
        errors.add(FieldErrors.invalid(path, value, path + " in body should be greater than "
            + (exclusive ? "" : "or equal to ") + FieldErrors.number(bound)));
      }
    }
    JsonNode maximum = schema.get("maximum");
    if (maximum != null) {
      boolean exclusive = schema.raw().path("exclusiveMaximum").asBoolean(false);
      JsonNode bound = boundFor(value, maximum);
      if (exclusive ? number >= bound.doubleValue() : number > bound.doubleValue()) {
        errors.add(FieldErrors.invalid(path, value, path + " in body should be less than "
            + (exclusive ? "" : "or equal to ") + FieldErrors.number(bound)));
      }
    }
  }

  private static JsonNode boundFor(JsonNode value, JsonNode bound) {
    return value.isIntegralNumber() ? com.fasterxml.jackson.databind.node.LongNode.valueOf((long) bound.doubleValue())
        : bound;
  }

  private void checkObject(JsonNode value, SchemaNode schema, String path) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        if (!value.has(name.asText())) {
          errors.add(FieldErrors.required(FieldErrors.child(path, name.asText())));
          blocking = true;
        }
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      schema.property(field.getKey())
          .ifPresent(child -> check(field.getValue(), child, FieldErrors.child(path, field.getKey())));
    }
  }
}
