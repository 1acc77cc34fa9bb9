package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

@ValidationRule(value = "!has(self.scaling) || !has(self.scaling.fallback) || !has(self.scaling.fallback.replicas)"
    + " || (self.scaling.fallback.replicas >= (has(self.replicas.min) ? self.replicas.min : 1)"
    + " && self.scaling.fallback.replicas <= self.replicas.max)",
    message = "scaling.fallback.replicas must lie within [replicas.min, replicas.max]",
    reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.template.spec) && has(self.template.spec.containers)"
    + " && size(self.template.spec.containers) > 0",
    message = "template.spec.containers must name at least one container", reason = "FieldValueRequired")
public class WorkerPoolSpec {

  @Required
  @JsonPropertyDescription("How many workers the pool may run.")
  private ReplicasSpec replicas = new ReplicasSpec();

  @Required
  @JsonPropertyDescription("Where the pool's jobs wait. Exactly one backend.")
  private QueueSpec queue = new QueueSpec();

  @JsonPropertyDescription("How the pool is sized from its queue.")
  private ScalingSpec scaling = new ScalingSpec();

  @JsonPropertyDescription("How workers are watched and stopped.")
  private WorkersSpec workers = new WorkersSpec();

  @JsonPropertyDescription("How a new template is rolled out.")
  private RolloutSpec rollout = new RolloutSpec();

  @Required
  @JsonPropertyDescription("The worker pod.")
  private PodTemplateSpec template;

  public ReplicasSpec getReplicas() {
    return replicas;
  }

  public void setReplicas(ReplicasSpec replicas) {
    this.replicas = replicas;
  }

  public QueueSpec getQueue() {
    return queue;
  }

  public void setQueue(QueueSpec queue) {
    this.queue = queue;
  }

  public ScalingSpec getScaling() {
    return scaling;
  }

  public void setScaling(ScalingSpec scaling) {
    this.scaling = scaling;
  }

  public WorkersSpec getWorkers() {
    return workers;
  }

  public void setWorkers(WorkersSpec workers) {
    this.workers = workers;
  }

  public RolloutSpec getRollout() {
    return rollout;
  }

  public void setRollout(RolloutSpec rollout) {
    this.rollout = rollout;
  }

  public PodTemplateSpec getTemplate() {
    return template;
  }

  public void setTemplate(PodTemplateSpec template) {
    this.template = template;
  }
}
