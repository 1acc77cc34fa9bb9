package dev.ebb.operator.simulate;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The four built-in workloads: {@code step}, {@code spike}, {@code daily} and {@code poisson}. */
public final class Workloads {

  public static final List<String> NAMES = List.of("step", "spike", "daily", "poisson");

  private Workloads() {
  }

  public static List<Workload> all() {
    return NAMES.stream().map(Workloads::named).toList();
  }

  public static Workload named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "step" -> new Step();
      case "spike" -> new Spike();
      case "daily" -> new Daily();
      case "poisson" -> new PoissonBursts();
      default -> throw new IllegalArgumentException("unknown workload '" + name + "', expected one of " + NAMES);
    };
  }

  /** 10 jobs/s, a step to 150 jobs/s from 1/6 to 2/3 of the run, back to 10 jobs/s. */
  record Step() implements Workload {
    public String name() {
      return "step";
    }

    public String description() {
      return "10 jobs/s, 150 jobs/s from 1/6 to 2/3 of the run, then 10 jobs/s again";
    }

    public double rate(long second, long duration) {
      return second >= duration / 6 && second < duration * 2 / 3 ? 150 : 10;
    }
  }

  /** 20 jobs/s with two one-minute spikes of 400 jobs/s (24,000 jobs each) at 1/4 and 2/3 of the run. */
  record Spike() implements Workload {
    public String name() {
      return "spike";
    }

    public String description() {
      return "20 jobs/s, with 60 s spikes of 400 jobs/s at 1/4 and 2/3 of the run";
    }

    public double rate(long second, long duration) {
      boolean inFirstSpike = second >= duration / 4 && second < duration / 4 + 60;
      boolean inSecondSpike = second >= duration * 2 / 3 && second < duration * 2 / 3 + 60;
      return inFirstSpike || inSecondSpike ? 400 : 20;
    }
  }

  /** A day compressed into the run: quiet night, a morning and an afternoon peak of 150 jobs/s. */
  record Daily() implements Workload {
    public String name() {
      return "daily";
    }

    public String description() {
      return "a day compressed into the run: 2 jobs/s at night, peaks of 150 jobs/s at 1/4 and 3/4 of the run,"
          + " 120 jobs/s at noon";
    }

    public double rate(long second, long duration) {
      double x = second / (double) duration;
      double day = Math.pow(Math.sin(Math.PI * x), 2);
      double twoPeaks = 0.7 + 0.3 * Math.cos(4 * Math.PI * (x - 0.25));
      return 2 + 300 * day * twoPeaks;
    }
  }

  /** 10 jobs/s plus batches of 500 to 5,000 jobs arriving as a Poisson process, one every 4 minutes on average. */
  record PoissonBursts() implements Workload {
    static final double BATCHES_PER_SECOND = 1 / 240.0;

    public String name() {
      return "poisson";
    }

    public String description() {
      return "10 jobs/s plus Poisson batches (one every 4 min on average) of 500 to 5,000 jobs enqueued at once";
    }

    public double rate(long second, long duration) {
      return 10;
    }

    @Override
    public long batch(long second, long duration, Random random) {
      return random.nextDouble() < BATCHES_PER_SECOND ? 500 + random.nextInt(4_501) : 0;
    }
  }
}
