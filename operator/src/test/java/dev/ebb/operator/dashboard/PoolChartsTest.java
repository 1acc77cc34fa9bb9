package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.html.LineChart;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class PoolChartsTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void aPoolSeenForTwoMinutesIsDrawnOverTwoMinutesNotAnHour() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW - 120_000, 5, 0, 0, 0);
    history.observed(NOW, 7, 0, 0, 0);

    var svg = Jsoup.parse(PoolCharts.render(history.series(NOW))).selectFirst("svg[aria-label=waiting jobs]");

    assertThat(svg.select("text").eachText()).containsSubsequence("-2m10s", "-1m5s", "now");
    assertThat(svg.selectFirst("circle").attr("cx")).as("the first sample at the left edge").isEqualTo("60.0");
  }

  @Test
  void aPoolSeenForAnHourIsDrawnOverTheHourAndANewOneOverAMinute() {
    PoolHistory old = new PoolHistory();
    old.observed(NOW - 3_590_000, 1, 0, 0, 0);
    PoolHistory fresh = new PoolHistory();
    fresh.observed(NOW, 1, 0, 0, 0);

    assertThat(PoolCharts.firstRecorded(old.series(NOW))).isZero();
    assertThat(PoolCharts.firstRecorded(fresh.series(NOW))).isEqualTo(PoolHistory.BUCKETS - PoolCharts.MIN_BUCKETS);
    assertThat(PoolCharts.ticks(Duration.ofHours(1))).extracting(LineChart.Tick::label)
        .containsExactly("-1h", "-45m", "-30m", "-15m", "now");
  }
}
