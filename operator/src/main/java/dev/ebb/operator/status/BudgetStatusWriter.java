package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerBudgetStatus;
import dev.ebb.operator.budget.Grants;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a WorkerBudget's status (used, wanted, pools, throttled) the way pools' status is written: one JSON Patch
 * that sets the stanza, nothing when nothing changed, and when only the figures used and wanted moved, at most one
 * write per {@code figuresInterval} per budget. Which pools share it and which it throttles are written at once.
 */
public final class BudgetStatusWriter {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration figuresInterval;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  private record Written(WorkerBudgetStatus status, Instant at) {
  }

  public BudgetStatusWriter(KubernetesClient client, Clock clock, Duration figuresInterval) {
    this.client = client;
    this.clock = clock;
    this.figuresInterval = figuresInterval;
  }

  /** The status the figures give, written when the gate lets it through; true when it was written. */
  public boolean report(WorkerBudget budget, Grants.Figures figures) {
    WorkerBudgetStatus next = statusOf(budget, figures);
    String uid = budget.getMetadata().getUid();
    Written last = written.get(uid);
    WorkerBudgetStatus current = last != null ? last.status() : budget.getStatus();
    if (next.equals(current)) {
      return false;
    }
    Instant now = clock.instant();
    if (current != null && last != null && withoutFigures(next).equals(withoutFigures(current))
        && last.at().plus(figuresInterval).isAfter(now)) {
      return false;
    }
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + JSON.asJson(next) + "}]";
    client.resource(budget).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    written.put(uid, new Written(next, now));
    return true;
  }

  static WorkerBudgetStatus statusOf(WorkerBudget budget, Grants.Figures figures) {
    WorkerBudgetStatus status = new WorkerBudgetStatus();
    status.setObservedGeneration(budget.getMetadata().getGeneration());
    status.setUsed(figures.used());
    status.setWanted(figures.wanted());
    status.setPools(figures.pools().size());
    status.setThrottled(figures.throttled().size());
    status.setThrottledPools(figures.throttled());
    return status;
  }

  private static WorkerBudgetStatus withoutFigures(WorkerBudgetStatus status) {
    WorkerBudgetStatus copy = JSON.clone(status);
    copy.setUsed(null);
    copy.setWanted(null);
    return copy;
  }
}
