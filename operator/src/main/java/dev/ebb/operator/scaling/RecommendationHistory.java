package dev.ebb.operator.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The recent recommendations the stabilization windows look back on, oldest first. Immutable: {@link #record} returns
 * a new history trimmed to the longest window and to {@link #MAX_ENTRIES}.
 *
 * <p>Consecutive polls that recommend the same replicas (and the same steady part) are kept as one run, from its first
 * poll to its last, in primitive arrays: a pool polled every second with a five-minute window holds a few runs, not
 * 300 objects. A window sees a run when the run's last poll lies in it, which is what it would see of the polls one by
 * one (their values are equal, and the last is the latest). Only a clock that steps back blurs this: a run that ends
 * after {@code now} is cut at {@code now}.
 */
public final class RecommendationHistory {

  /** Bounds the runs kept per pool: 24 h of changing recommendations at 5 s would be 17,280; an hour at 5 s is 720. */
  public static final int MAX_ENTRIES = 1_000;

  private static final RecommendationHistory EMPTY = new RecommendationHistory(new long[0], new long[0], new int[0],
      new int[0]);

  private final long[] firstMillis;
  private final long[] lastMillis;
  private final int[] replicas;
  private final int[] steady;

  private RecommendationHistory(long[] firstMillis, long[] lastMillis, int[] replicas, int[] steady) {
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
    this.replicas = replicas;
    this.steady = steady;
  }

  public static RecommendationHistory empty() {
    return EMPTY;
  }

  /** How many runs of equal recommendations are kept. */
  public int runs() {
    return replicas.length;
  }

  /** Adds {@code replicas} at {@code now}, all of it steady, and forgets entries older than {@code keep}. */
  public RecommendationHistory record(Instant now, int replicas, Duration keep) {
    return record(now, replicas, replicas, keep);
  }

  /** Adds {@code replicas}, of which {@code steady} for the steady load, and forgets entries older than {@code keep}. */
  public RecommendationHistory record(Instant now, int recommended, int steadyPart, Duration keep) {
    long at = now.toEpochMilli();
    long cutoff = now.minus(keep).toEpochMilli();
    int steadyKept = Math.min(steadyPart, recommended);
    int size = runs();
    long[] first = new long[size + 1];
    long[] last = new long[size + 1];
    int[] values = new int[size + 1];
    int[] steadyValues = new int[size + 1];
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (lastMillis[i] < cutoff || firstMillis[i] > at) {
        continue;
      }
      first[kept] = firstMillis[i];
      last[kept] = Math.min(lastMillis[i], at);
      values[kept] = replicas[i];
      steadyValues[kept] = steady[i];
      kept++;
    }
    if (kept > 0 && values[kept - 1] == recommended && steadyValues[kept - 1] == steadyKept) {
      last[kept - 1] = at;
    } else {
      first[kept] = at;
      last[kept] = at;
      values[kept] = recommended;
      steadyValues[kept] = steadyKept;
      kept++;
    }
    int from = Math.max(0, kept - MAX_ENTRIES);
    return new RecommendationHistory(Arrays.copyOfRange(first, from, kept), Arrays.copyOfRange(last, from, kept),
        Arrays.copyOfRange(values, from, kept), Arrays.copyOfRange(steadyValues, from, kept));
  }

  /** The lowest recommendation made within {@code window} before {@code now} (inclusive); {@code fallback} if none. */
  public int lowestWithin(Instant now, Duration window, int fallback) {
    int lowest = Integer.MAX_VALUE;
    for (int i = within(now, window); i >= 0 && i < runs() && lastMillis[i] <= now.toEpochMilli(); i++) {
      lowest = Math.min(lowest, replicas[i]);
    }
    return lowest == Integer.MAX_VALUE ? fallback : lowest;
  }

  /** The highest recommendation made within {@code window} before {@code now} (inclusive); {@code fallback} if none. */
  public int highestWithin(Instant now, Duration window, int fallback) {
    return highest(replicas, now, window, fallback);
  }

  /** The highest steady part of the recommendations within {@code window} (inclusive); {@code fallback} if none. */
  public int highestSteadyWithin(Instant now, Duration window, int fallback) {
    return highest(steady, now, window, fallback);
  }

  private int highest(int[] values, Instant now, Duration window, int fallback) {
    int highest = Integer.MIN_VALUE;
    for (int i = within(now, window); i >= 0 && i < runs() && lastMillis[i] <= now.toEpochMilli(); i++) {
      highest = Math.max(highest, values[i]);
    }
    return highest == Integer.MIN_VALUE ? fallback : highest;
  }

  /** The first run whose last poll is at or after the window's start (runs are in time order); -1 if none. */
  private int within(Instant now, Duration window) {
    long start = now.minus(window).toEpochMilli();
    for (int i = 0; i < runs(); i++) {
      if (lastMillis[i] >= start) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecommendationHistory that && Arrays.equals(firstMillis, that.firstMillis)
        && Arrays.equals(lastMillis, that.lastMillis) && Arrays.equals(replicas, that.replicas)
        && Arrays.equals(steady, that.steady);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lastMillis) + Arrays.hashCode(replicas);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RecommendationHistory[");
    for (int i = 0; i < runs(); i++) {
      text.append(i == 0 ? "" : ", ").append(Instant.ofEpochMilli(firstMillis[i])).append("..")
          .append(Instant.ofEpochMilli(lastMillis[i])).append('=').append(replicas[i]).append('/').append(steady[i]);
    }
    return text.append(']').toString();
  }
}
