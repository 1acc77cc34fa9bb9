package dev.ebb.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerPoolValidatorTest {

  @Test
  void aValidPoolHasNoProblems() {
    assertThat(WorkerPoolValidator.validate(WorkerPools.valid("shop", "mailer"))).isEmpty();
  }

  static Stream<Arguments> invalidPools() {
    return Stream.of(
        invalid("no containers", p -> p.getSpec().getTemplate().getSpec().setContainers(List.of()),
            "NoContainers", "containers"),
        invalid("no template", p -> p.getSpec().setTemplate(null), "NoContainers", "containers"),
        invalid("min above max", p -> p.getSpec().getReplicas().setMin(11), "InvalidReplicas", "min 11, max 10"),
        invalid("max missing", p -> p.getSpec().getReplicas().setMax(null), "InvalidReplicas", "replicas.max"),
        invalid("no backend", p -> p.getSpec().getQueue().setRedis(null), "InvalidQueue", "exactly one backend"),
        invalid("http address", p -> p.getSpec().getQueue().getRedis().setAddress("http://redis:6379"),
            "InvalidAddress", "http://redis:6379"),
        invalid("credentials in the address",
            p -> p.getSpec().getQueue().getRedis().setAddress("redis://u:topsecret@redis:6379"),
            "InvalidAddress", "***@redis"),
        invalid("bad duration", p -> p.getSpec().getScaling().setPollingInterval("5 seconds"),
            "InvalidDuration", "scaling.pollingInterval"),
        invalid("zero grace period", p -> p.getSpec().getWorkers().setShutdownGracePeriod("0s"),
            "InvalidDuration", "longer than zero"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPools")
  void anInvalidPoolIsReportedWithAReasonAndWhatToFix(Consumer<WorkerPool> change, String reason, String text) {
    WorkerPool pool = WorkerPools.valid("shop", "mailer");
    change.accept(pool);

    List<SpecProblem> problems = WorkerPoolValidator.validate(pool);

    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).reason()).isEqualTo(reason);
    assertThat(problems.get(0).message()).contains(text).doesNotContain("topsecret");
  }

  private static Arguments invalid(String name, Consumer<WorkerPool> change, String reason, String text) {
    return Arguments.of(Named.of(name, change), reason, text);
  }
}
