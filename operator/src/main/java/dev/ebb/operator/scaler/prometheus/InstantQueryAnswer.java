package dev.ebb.operator.scaler.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.IOException;

/**
 * Reads the Prometheus HTTP API's answer to an instant query ({@code /api/v1/query}) as exactly one finite sample, or
 * says why it is not one. Pure: an HTTP status and a body in, a number or a {@link PrometheusQueryException} out.
 *
 * <p>A query that returns no sample fails: a missing series is not an empty queue (a query that means zero when its
 * series is absent says so with {@code or vector(0)}). Several series fail too, rather than picking one.
 */
final class InstantQueryAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DETAIL_CHARS = 300;

  private InstantQueryAnswer() {
  }

  /**
   * @param status the HTTP status code
   * @param body the response body, already bounded in size
   * @param query the pool's field that holds the query ({@code depthQuery}), as reasons name it
   * @param server the server as the pool names it
   */
  static double sample(int status, byte[] body, String query, String server) throws PrometheusQueryException {
    if (status == 401 || status == 403) {
      throw new PrometheusQueryException(Kind.AUTHENTICATION, server, query + " was not authorized",
          "HTTP " + status, null);
    }
    JsonNode answer = json(body);
    String outcome = answer == null ? "" : answer.path("status").asText("");
    if (outcome.equals("error")) {
      throw refused(answer, status, query, server);
    }
    if (!outcome.equals("success") || status / 100 != 2) {
      Kind kind = answer == null && (status == 502 || status == 503 || status == 504) ? Kind.UNREACHABLE
          : Kind.PROTOCOL;
      throw new PrometheusQueryException(kind, server, "the answer to " + query + " is not the Prometheus API's;"
          + " check the address and its path prefix", "HTTP " + status + ": " + excerpt(body), null);
    }
    JsonNode data = answer.path("data");
    String type = data.path("resultType").asText("");
    JsonNode value = switch (type) {
      case "scalar" -> data.path("result");
      case "vector" -> oneSeries(data.path("result"), query, server).path("value");
      case "matrix" -> throw protocol(query + " returned a range vector, not one sample", type, server);
      default -> throw protocol(query + " returned a result that is not a number", type, server);
    };
    return number(value, query, server);
  }

  private static JsonNode oneSeries(JsonNode result, String query, String server) throws PrometheusQueryException {
    if (!result.isArray()) {
      throw protocol(query + " returned a result that is not a number", "vector without a result list", server);
    }
    if (result.isEmpty()) {
      throw protocol(query + " returned no sample", "", server);
    }
    if (result.size() > 1) {
      throw protocol(query + " returned " + result.size() + " series; aggregate it (sum(...))", "", server);
    }
    return result.get(0);
  }

  /** A sample is {@code [<unix time>, "<value>"]}; Prometheus writes NaN and infinities as "NaN", "+Inf", "-Inf". */
  private static double number(JsonNode sample, String query, String server) throws PrometheusQueryException {
    String text = sample.isArray() && sample.size() == 2 && sample.get(1).isTextual() ? sample.get(1).asText() : null;
    double value;
    try {
      value = text == null || text.endsWith("Inf") || text.endsWith("Infinity") ? Double.NaN
          : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      throw protocol(query + " returned a value that is not a finite number", String.valueOf(sample), server);
    }
    return value;
  }

  private static PrometheusQueryException refused(JsonNode answer, int status, String query, String server) {
    String type = answer.path("errorType").asText("");
    String detail = "HTTP " + status + ", errorType " + type + ": " + clip(answer.path("error").asText(""));
    return switch (type) {
      case "bad_data" -> new PrometheusQueryException(Kind.PROTOCOL, server, query + " was refused as invalid PromQL",
          detail, null);
      case "timeout", "canceled" -> new PrometheusQueryException(Kind.TIMEOUT, server,
          query + " ran out of time on the server", detail, null);
      default -> new PrometheusQueryException(Kind.PROTOCOL, server, query + " failed on the server", detail, null);
    };
  }

  private static PrometheusQueryException protocol(String reason, String detail, String server) {
    return new PrometheusQueryException(Kind.PROTOCOL, server, reason, clip(detail), null);
  }

  /** The body as a JSON object, or null when it is not one. */
  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String excerpt(byte[] body) {
    return clip(new String(body, 0, Math.min(body.length, DETAIL_CHARS * 4), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String clip(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= DETAIL_CHARS ? line : line.substring(0, DETAIL_CHARS) + "...";
  }
}
