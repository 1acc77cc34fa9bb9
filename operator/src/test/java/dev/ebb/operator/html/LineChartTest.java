package dev.ebb.operator.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LineChartTest {

  private static final double NaN = Double.NaN;

  @Test
  void aGapSplitsTheLineAndALoneSampleIsADot() {
    String svg = LineChart.render("queue", List.of(new LineChart.Line("depth", "#000",
        new double[] {1, 2, NaN, 5, NaN, NaN, 3, 4, 4})), List.of(), 80, 40);
    Document doc = Jsoup.parse(svg);

    assertThat(doc.select("polyline[data-series=depth]")).hasSize(2);
    assertThat(doc.select("circle[data-series=depth]")).hasSize(1);
    assertThat(doc.select("svg").attr("data-top")).isEqualTo("5");
  }

  @Test
  void theHighestSampleSitsOnTopOfThePlotAndZeroOnItsAxis() {
    String svg = LineChart.render("queue", List.of(new LineChart.Line("depth", "#000", new double[] {0, 600, 0})),
        List.of(), 100, 50);
    String[] points = Jsoup.parse(svg).selectFirst("polyline").attr("points").split(" ");

    assertThat(points).containsExactly("60.0,70.0", "110.0,20.0", "160.0,70.0");
  }

  @Test
  void downsamplingKeepsEachBucketsHighestSoASpikeStaysVisible() {
    double[] values = new double[1000];
    values[501] = 42;
    values[10] = NaN;

    double[] kept = LineChart.downsample(values, 100);

    assertThat(kept).hasSize(100);
    assertThat(kept[50]).isEqualTo(42);
    assertThat(kept[1]).isZero();
  }

  @Test
  void titlesAndLegendsAreEscaped() {
    String svg = LineChart.render("<b>q</b>", List.of(new LineChart.Line("a\"<script>", "#000", new double[] {1, 2})),
        List.of(new LineChart.Tick(0, "<i>")), 100, 50);

    assertThat(svg).doesNotContain("<b>", "<script>", "<i>").contains("&lt;b&gt;q&lt;/b&gt;", "a&quot;&lt;script&gt;");
  }

  @Test
  void numbersAreWholeOrTwoDecimals() {
    assertThat(LineChart.number(600)).isEqualTo("600");
    assertThat(LineChart.number(0.25)).isEqualTo("0.25");
    assertThat(LineChart.number(2.5)).isEqualTo("2.5");
    assertThat(LineChart.number(17.0004)).isEqualTo("17");
  }
}
