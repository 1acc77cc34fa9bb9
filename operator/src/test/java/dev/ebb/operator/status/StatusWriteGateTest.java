package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.QueueStatus;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.TestingClock;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.memory.LivePools;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusWriteGateTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private final TestingClock clock = new TestingClock(T0);
  private StatusWriteGate gate;
  private WorkerPool pool;

  @BeforeEach
  void poolWithAStatus() {
    gate = new StatusWriteGate(clock, Duration.ofSeconds(10));
    pool = WorkerPools.valid("shop", "mailer");
    pool.getMetadata().setUid("uid-1");
    pool.setStatus(status(5, 100));
  }

  @Test
  void anEqualStatusIsNeverWritten() {
    assertThat(gate.shouldWrite(pool, status(5, 100))).isFalse();
  }

  @Test
  void figuresAloneAreWrittenAtMostOncePerInterval() {
    assertThat(gate.shouldWrite(pool, status(5, 120))).isTrue();
    pool.setStatus(status(5, 120));
    clock.advance(Duration.ofSeconds(3));
    assertThat(gate.shouldWrite(pool, status(5, 130))).isFalse();
    clock.advance(Duration.ofSeconds(8));
    assertThat(gate.shouldWrite(pool, status(5, 130))).isTrue();
  }

  @Test
  void thePoolsFirstFiguresAreWrittenAtOnceEvenInsideTheInterval() {
    WorkerPoolStatus beforeTheFirstPoll = status(5, 100);
    beforeTheFirstPoll.setQueue(null);
    assertThat(gate.shouldWrite(pool, beforeTheFirstPoll)).as("the first reconcile, no figures yet").isTrue();
    pool.setStatus(beforeTheFirstPoll);
    clock.advance(Duration.ofSeconds(1));
    assertThat(gate.shouldWrite(pool, status(5, 100))).as("the first poll's figures, inside the interval").isTrue();
    pool.setStatus(status(5, 100));
    clock.advance(Duration.ofSeconds(1));
    assertThat(gate.shouldWrite(pool, status(5, 110))).as("later figures wait for the interval").isFalse();
  }

  @Test
  void aReplicaChangeIsWrittenAtOnce() {
    assertThat(gate.shouldWrite(pool, status(5, 120))).isTrue();
    pool.setStatus(status(5, 120));
    clock.advance(Duration.ofSeconds(1));
    assertThat(gate.shouldWrite(pool, status(7, 120))).isTrue();
  }

  @Test
  void aConditionMessageThatChangesEveryPollIsWrittenAtMostOncePerInterval() {
    WorkerPoolStatus failing = status(5, 100);
    failing.setConditions(Conditions.with(failing.getConditions(), ConditionType.Fallback, false,
        "MeasurementFailing", "ERR reply 1", 1L, T0));
    assertThat(gate.shouldWrite(pool, failing)).as("a new condition").isTrue();
    pool.setStatus(failing);
    for (int poll = 2; poll <= 9; poll++) {
      clock.advance(Duration.ofSeconds(1));
      WorkerPoolStatus next = status(5, 100);
      next.setConditions(Conditions.with(next.getConditions(), ConditionType.Fallback, false,
          "MeasurementFailing", "ERR reply " + poll, 1L, T0));
      assertThat(gate.shouldWrite(pool, next)).as("poll %d, only the message differs", poll).isFalse();
    }
    clock.advance(Duration.ofSeconds(2));
    WorkerPoolStatus flipped = status(5, 100);
    flipped.setConditions(Conditions.with(flipped.getConditions(), ConditionType.Fallback, true,
        "FallbackReplicas", "ERR reply 12", 1L, T0));
    assertThat(gate.shouldWrite(pool, flipped)).as("the condition flipped").isTrue();
  }

  @Test
  void aDeletedPoolsLastWriteIsForgottenWhileALivePoolsIsKept() {
    WorkerPool other = WorkerPools.valid("shop", "billing");
    other.getMetadata().setUid("uid-2");
    other.setStatus(status(5, 100));
    assertThat(gate.shouldWrite(pool, status(5, 120))).isTrue();
    assertThat(gate.shouldWrite(other, status(5, 120))).isTrue();
    pool.setStatus(status(5, 120));
    other.setStatus(status(5, 120));

    gate.forgetAllBut(LivePools.of(List.of(other)));

    clock.advance(Duration.ofSeconds(1));
    assertThat(gate.shouldWrite(other, status(5, 130))).as("kept: still inside its interval").isFalse();
    assertThat(gate.shouldWrite(pool, status(5, 130))).as("forgotten: nothing remembered of it").isTrue();
  }

  private static WorkerPoolStatus status(int desired, long depth) {
    WorkerPoolStatus status = new WorkerPoolStatus();
    status.setDesiredReplicas(desired);
    QueueStatus queue = new QueueStatus();
    queue.setDepth(depth);
    status.setQueue(queue);
    status.setConditions(Conditions.with(List.of(), ConditionType.Ready, true, "WorkersReady", "5/5", 1L, T0));
    return status;
  }
}
