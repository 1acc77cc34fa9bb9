package dev.ebb.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlMetricNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ebb_pool_queue_depth                                                              | ebb_pool_queue_depth
      max by (namespace, pool) (ebb_pool_queue_depth{namespace=~"$namespace"})          | ebb_pool_queue_depth
      sum by (le) (rate(a_seconds_bucket{x="rate(b)"}[$__rate_interval]))               | a_seconds_bucket
      histogram_quantile(0.95, sum by (namespace, pool, le) (rate(x_bucket[5m])))       | x_bucket
      a > on (namespace, pool) group_left (reason) b                                     | a b
      sum(up{job="ebb-operator-metrics"}) == 0 or absent(up{job="ebb-operator-metrics"}) | up
      deriv(ebb_pool_queue_depth[10m]) > 0 and c unless d offset 5m                      | c d ebb_pool_queue_depth
      label_values(ebb_pool_queue_depth{namespace=~"$namespace"}, pool)                  | ebb_pool_queue_depth
      1e3 * rate(x_total[1m]) > bool 2.5                                                 | x_total
      """)
  void findsTheMetricNames(String expression, String expected) {
    assertThat(PromQlMetricNames.in(expression)).containsExactlyInAnyOrder(expected.split(" "));
  }
}
