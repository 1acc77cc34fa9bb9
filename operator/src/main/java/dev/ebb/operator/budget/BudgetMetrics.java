package dev.ebb.operator.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code ebb_budget_*} metrics (docs/metrics.md), tagged {@code namespace} and {@code budget}: limit, used,
 * wanted, pools and throttled pools as last reported, and a counter of grants that a budget cut below a pool's wish.
 * Gauges read the last values set here; a scrape never touches the API server.
 */
public final class BudgetMetrics {

  private final MeterRegistry registry;
  private final Map<String, Figures> budgets = new ConcurrentHashMap<>();

  public BudgetMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private static final class Figures {
    volatile double limit;
    volatile double used;
    volatile double wanted;
    volatile double pools;
    volatile double throttled;
  }

  public void reported(String namespace, String budget, Grants.Figures figures) {
    Figures gauges = budgets.computeIfAbsent(namespace + "/" + budget, key -> register(namespace, budget));
    gauges.limit = figures.limit();
    gauges.used = figures.used();
    gauges.wanted = figures.wanted();
    gauges.pools = figures.pools().size();
    gauges.throttled = figures.throttled().size();
  }

  public void throttled(String namespace, String budget) {
    Counter.builder("ebb.budget.throttled.grants").description("Grants a budget cut below a pool's wish")
        .tags(Tags.of("namespace", namespace, "budget", budget)).register(registry).increment();
  }

  private Figures register(String namespace, String budget) {
    Figures figures = new Figures();
    Tags tags = Tags.of("namespace", namespace, "budget", budget);
    Gauge.builder("ebb.budget.limit", figures, f -> f.limit).description("The budget's limit").tags(tags)
        .register(registry);
    Gauge.builder("ebb.budget.used", figures, f -> f.used)
        .description("What its pools' Deployments hold: replicas x cost").tags(tags).register(registry);
    Gauge.builder("ebb.budget.wanted", figures, f -> f.wanted)
        .description("What its pools want: wanted replicas x cost").tags(tags).register(registry);
    Gauge.builder("ebb.budget.pools", figures, f -> f.pools).description("Pools sharing the budget").tags(tags)
        .register(registry);
    Gauge.builder("ebb.budget.throttled.pools", figures, f -> f.throttled)
        .description("Pools the budget holds below their wish").tags(tags).register(registry);
    return figures;
  }
}
