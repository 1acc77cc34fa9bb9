package dev.ebb.operator.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * A recorded arrival curve, {@code ebb simulate --trace FILE}: CSV rows {@code second,arrivals[,processingMs]}, an
 * optional header line, {@code #} comments. A row's arrivals are jobs per second from its second until the next row's
 * (so a Prometheus export with a 15 s step needs no resampling); its processingMs, when given, is the mean processing
 * time of the jobs arriving then. When every row is one second after the previous and every count is whole, the
 * trace is replayed exactly; otherwise each second's count is drawn as Poisson around the rate, like the built-in
 * workloads. The run lasts from second 0 to the last row's second plus its step.
 */
final class TraceWorkload implements Workload {

  private record Row(long second, double rate, double processingSeconds) {
  }

  private final String name;
  private final Path file;
  private final Row[] rows;
  private final long length;
  private final boolean exact;
  private final boolean hasProcessing;

  private TraceWorkload(String name, Path file, List<Row> rows, boolean hasProcessing) {
    this.name = name;
    this.file = file;
    this.rows = rows.toArray(Row[]::new);
    this.hasProcessing = hasProcessing;
    long step = rows.size() > 1 ? rows.get(rows.size() - 1).second() - rows.get(rows.size() - 2).second() : 1;
    this.length = rows.get(rows.size() - 1).second() + step;
    boolean consecutive = true;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      consecutive &= row.second() == (i == 0 ? 0 : rows.get(i - 1).second() + 1) && row.rate() == Math.rint(row.rate());
    }
    this.exact = consecutive;
  }

  static TraceWorkload read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    Boolean withProcessing = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#") || (rows.isEmpty() && !Character.isDigit(line.charAt(0)))) {
        continue; // blank, comment, or the header
      }
      String[] fields = line.split("\\s*,\\s*");
      if (fields.length < 2 || fields.length > 3 || (withProcessing != null && withProcessing != (fields.length == 3))) {
        throw new IllegalArgumentException(where(file, n) + "expected second,arrivals[,processingMs] on every row");
      }
      withProcessing = fields.length == 3;
      try {
        long second = (long) Math.floor(Double.parseDouble(fields[0]));
        double rate = Double.parseDouble(fields[1]);
        double processing = fields.length == 3 ? Double.parseDouble(fields[2]) / 1000 : 0;
        if (second < 0 || !(rate >= 0) || Double.isInfinite(rate) || (fields.length == 3 && !(processing > 0))) {
          throw new NumberFormatException();
        }
        rows.add(new Row(second, rate, processing));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where(file, n) + "'" + line + "': second >= 0, arrivals >= 0 and "
            + "processingMs > 0 must be numbers");
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows (expected second,arrivals[,processingMs])");
    }
    rows.sort(Comparator.comparingLong(Row::second));
    long first = rows.get(0).second();
    List<Row> fromZero = new ArrayList<>();
    for (Row row : rows) {
      if (!fromZero.isEmpty() && fromZero.get(fromZero.size() - 1).second() == row.second() - first) {
        throw new IllegalArgumentException(file + ": second " + row.second() + " appears twice");
      }
      fromZero.add(new Row(row.second() - first, row.rate(), row.processingSeconds()));
    }
    String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    return new TraceWorkload(base.isEmpty() ? "trace" : base, file, fromZero, Boolean.TRUE.equals(withProcessing));
  }

  private static String where(Path file, int index) {
    return file + " line " + (index + 1) + ": ";
  }

  /** Seconds from the first row to the end of the last. */
  long length() {
    return length;
  }

  boolean hasProcessingTimes() {
    return hasProcessing;
  }

  /** The mean processing time over the trace, weighted by arrivals; empty without the column. */
  OptionalDouble meanProcessingSeconds() {
    if (!hasProcessing) {
      return OptionalDouble.empty();
    }
    double jobs = 0;
    double work = 0;
    for (int i = 0; i < rows.length; i++) {
      long until = i + 1 < rows.length ? rows[i + 1].second() : length;
      double count = rows[i].rate() * (until - rows[i].second());
      jobs += count;
      work += count * rows[i].processingSeconds();
    }
    return jobs > 0 ? OptionalDouble.of(work / jobs) : OptionalDouble.empty();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    double peak = 0;
    for (Row row : rows) {
      peak = Math.max(peak, row.rate());
    }
    return String.format(Locale.ROOT, "trace %s: %d s, peak %.1f jobs/s, %s%s", file, length, peak,
        exact ? "replayed exactly" : "Poisson around each row's rate",
        hasProcessing ? ", processing time from the trace" : "");
  }

  private Row at(long second) {
    int low = 0;
    int high = rows.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (rows[middle].second() <= second) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return rows[low];
  }

  @Override
  public double rate(long second, long duration) {
    return second < length ? at(second).rate() : 0;
  }

  @Override
  public long arrivals(long second, long duration, Random random) {
    if (second >= length) {
      return 0;
    }
    return exact ? (long) at(second).rate() : JobStream.poisson(at(second).rate(), random);
  }

  @Override
  public OptionalDouble meanProcessingSeconds(long second) {
    return hasProcessing && second < length ? OptionalDouble.of(at(second).processingSeconds())
        : OptionalDouble.empty();
  }
}
