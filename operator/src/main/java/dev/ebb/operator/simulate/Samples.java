package dev.ebb.operator.simulate;

import java.util.Arrays;

/** A growable list of doubles (job waits) with nearest-rank percentiles. */
final class Samples {

  private double[] values = new double[1024];
  private int size;
  private double[] sorted;

  void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
    sorted = null;
  }

  void forEach(java.util.function.DoubleConsumer action) {
    for (int i = 0; i < size; i++) {
      action.accept(values[i]);
    }
  }

  int size() {
    return size;
  }

  /** Nearest-rank percentile, {@code q} in (0, 1]; 0 when empty. */
  double percentile(double q) {
    if (size == 0) {
      return 0;
    }
    if (sorted == null) {
      sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
    }
    int rank = (int) Math.ceil(q * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }
}
