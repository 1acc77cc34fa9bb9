package dev.ebb.operator.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The recent (time, recommended replicas) pairs the stabilization windows look back on, oldest first. Immutable:
 * {@link #record} returns a new history trimmed to the longest window and to {@link #MAX_ENTRIES}.
 */
public record RecommendationHistory(List<Recommendation> entries) {

  /** Bounds the state kept per pool: 24 h of polls at 5 s would be 17,280 entries; an hour at 5 s is 720. */
  public static final int MAX_ENTRIES = 1_000;

  /**
   * @param replicas the recommendation
   * @param steady   the part of it that the steady load asks for, without the backlog term (at most replicas)
   */
  public record Recommendation(Instant at, int replicas, int steady) {
    public Recommendation {
      Objects.requireNonNull(at, "at");
    }

    public Recommendation(Instant at, int replicas) {
      this(at, replicas, replicas);
    }
  }

  public RecommendationHistory {
    entries = List.copyOf(entries);
  }

  public static RecommendationHistory empty() {
    return new RecommendationHistory(List.of());
  }

  /** Adds {@code replicas} at {@code now}, all of it steady, and forgets entries older than {@code keep}. */
  public RecommendationHistory record(Instant now, int replicas, Duration keep) {
    return record(now, replicas, replicas, keep);
  }

  /** Adds {@code replicas}, of which {@code steady} for the steady load, and forgets entries older than {@code keep}. */
  public RecommendationHistory record(Instant now, int replicas, int steady, Duration keep) {
    Instant cutoff = now.minus(keep);
    List<Recommendation> kept = new ArrayList<>(entries.size() + 1);
    for (Recommendation entry : entries) {
      if (!entry.at().isBefore(cutoff) && !entry.at().isAfter(now)) {
        kept.add(entry);
      }
    }
    kept.add(new Recommendation(now, replicas, Math.min(steady, replicas)));
    int overflow = kept.size() - MAX_ENTRIES;
    return new RecommendationHistory(overflow > 0 ? kept.subList(overflow, kept.size()) : kept);
  }

  /** The lowest recommendation made within {@code window} before {@code now} (inclusive); {@code fallback} if none. */
  public int lowestWithin(Instant now, Duration window, int fallback) {
    return entries.stream().filter(e -> within(e, now, window)).mapToInt(Recommendation::replicas).min()
        .orElse(fallback);
  }

  /** The highest recommendation made within {@code window} before {@code now} (inclusive); {@code fallback} if none. */
  public int highestWithin(Instant now, Duration window, int fallback) {
    return entries.stream().filter(e -> within(e, now, window)).mapToInt(Recommendation::replicas).max()
        .orElse(fallback);
  }

  /** The highest steady part of the recommendations within {@code window} (inclusive); {@code fallback} if none. */
  public int highestSteadyWithin(Instant now, Duration window, int fallback) {
    return entries.stream().filter(e -> within(e, now, window)).mapToInt(Recommendation::steady).max()
        .orElse(fallback);
  }

  private static boolean within(Recommendation entry, Instant now, Duration window) {
    return !entry.at().isBefore(now.minus(window)) && !entry.at().isAfter(now);
  }
}
