package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoolHistoryTest {

  private static final long NOW = 1_800_000_000_000L; // a bucket boundary
  private static final long BUCKET = PoolHistory.BUCKET_MILLIS;

  @Test
  void aBucketKeepsTheHighestDepthAndAgeSoABurstBetweenSamplesStaysVisible() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW, 10, 1.0, 2, 1);
    history.observed(NOW + 1000, 600, 4.0, 3, 2);
    history.observed(NOW + 2000, 5, 0.5, 4, 3);

    HistorySeries series = history.series(NOW + 2000);

    int last = series.buckets() - 1;
    assertThat(series.depth()[last]).isEqualTo(600);
    assertThat(series.oldestSeconds()[last]).isEqualTo(4.0);
    assertThat(series.arrivalRate()[last]).as("rates: their mean").isEqualTo(3);
    assertThat(series.completionRate()[last]).isEqualTo(2);
    assertThat(series.depth()[last - 1]).isNaN();
  }

  @Test
  void aPollWithoutARateLeavesTheBucketsMeanAlone() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW, 0, 0, Double.NaN, Double.NaN);
    history.observed(NOW + 1000, 0, 0, 300, 10);
    history.observed(NOW + 2000, 0, 0, Double.NaN, 20);

    HistorySeries series = history.series(NOW + 2000);

    assertThat(series.arrivalRate()[series.buckets() - 1]).isEqualTo(300);
    assertThat(series.completionRate()[series.buckets() - 1]).isEqualTo(15);
  }

  @Test
  void theSeriesEndsAtNowAndPlacesEachBucketByItsTime() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW - 10 * BUCKET, 7, 0, 0, 0);
    history.replicas(NOW - 10 * BUCKET, 3, 2);

    HistorySeries series = history.series(NOW);

    int index = series.buckets() - 1 - 10;
    assertThat(series.depth()[index]).isEqualTo(7);
    assertThat(series.desired()[index]).isEqualTo(3);
    assertThat(series.ready()[index]).isEqualTo(2);
    assertThat(Arrays.stream(series.depth()).filter(v -> !Double.isNaN(v)).count()).isEqualTo(1);
  }

  @Test
  void whatIsOlderThanAnHourIsGoneEvenWhereItsSlotWasNotReused() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW, 99, 0, 0, 0);

    HistorySeries hourLater = history.series(NOW + PoolHistory.BUCKETS * BUCKET);

    assertThat(Arrays.stream(hourLater.depth()).allMatch(Double::isNaN)).isTrue();
  }

  @Test
  void aSlotReusedAnHourLaterForgetsTheOldValues() {
    PoolHistory history = new PoolHistory();
    history.observed(NOW, 99, 9, 9, 9);
    history.replicas(NOW, 9, 9);
    long hourLater = NOW + PoolHistory.BUCKETS * BUCKET;
    history.observed(hourLater, 1, 0, 0, 0);

    HistorySeries series = history.series(hourLater);

    int last = series.buckets() - 1;
    assertThat(series.depth()[last]).isEqualTo(1);
    assertThat(series.desired()[last]).isNaN();
  }

  @Test
  void anHourIsKeptInBuckets() {
    assertThat(PoolHistory.BUCKETS * PoolHistory.BUCKET_MILLIS).isEqualTo(3_600_000);
  }
}
