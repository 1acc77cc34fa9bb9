package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.operator.scaler.ScalerException.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The answers of the Prometheus HTTP API that a test server does not give on demand (a query timing out on the server,
 * a gateway in front of it failing), as the API documents them (prometheus.io/docs/prometheus/latest/querying/api).
 * The answers a real Prometheus gives are in {@code PrometheusScalerIT}.
 */
class InstantQueryAnswerTest {

  private static final String SERVER = "http://prometheus:9090";

  @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "503 | {\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"
          + " | TIMEOUT | depthQuery ran out of time on the server",
      "422 | {\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}"
          + " | PROTOCOL | depthQuery failed on the server",
      "503 | {\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"store gateway down\"}"
          + " | PROTOCOL | depthQuery failed on the server",
      "502 | <html>Bad Gateway</html> | UNREACHABLE | the answer to depthQuery is not the Prometheus API's; check"
          + " the address and its path prefix",
      "200 | {\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}} | PROTOCOL"
          + " | depthQuery returned a result that is not a number",
      "200 | {\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.1,\"lots\"]}}"
          + " | PROTOCOL | depthQuery returned a value that is not a finite number",
      "200 | [1, 2] | PROTOCOL | the answer to depthQuery is not the Prometheus API's; check the address and its path"
          + " prefix",
      "401 | Unauthorized | AUTHENTICATION | depthQuery was not authorized",
      "403 | {\"status\":\"error\",\"errorType\":\"forbidden\"} | AUTHENTICATION | depthQuery was not authorized"})
  void anAnswerThatIsNotOneSampleSaysWhy(int status, String body, Kind kind, String reason) {
    assertThatThrownBy(() -> InstantQueryAnswer.sample(status, bytes(body), "depthQuery", SERVER))
        .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.reason()).isEqualTo(reason);
        });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.1,\"3.25\"]}} | 3.25",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"queue\":\"a\"},"
          + "\"value\":[1700000000.1,\"1e3\"]}]},\"warnings\":[\"partial response\"]} | 1000"})
  void oneSampleIsItsValue(String body, double value) throws Exception {
    assertThat(InstantQueryAnswer.sample(200, bytes(body), "depthQuery", SERVER)).isEqualTo(value);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
