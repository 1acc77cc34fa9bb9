package dev.ebb.worker.job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The built-in {@code demo} job. Payload {@code {"sleepMs": 200, "fail": false, "failTimes": 0}}: sleeps
 * {@code sleepMs}, then fails if {@code fail} is true or the attempt is one of the first {@code failTimes}; otherwise
 * records the job id in the {@link CompletionLog}. With {@code "ignoreInterrupt": true} it sleeps through interrupts,
 * like a handler stuck in a call that cannot be interrupted.
 */
public final class DemoHandler implements JobHandler {

  public static final String TYPE = "demo";

  private final CompletionLog completions;

  public DemoHandler(CompletionLog completions) {
    this.completions = completions;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void handle(Job job) throws InterruptedException {
    JsonNode payload = job.payload();
    long sleepMs = payload.path("sleepMs").asLong(200);
    if (payload.path("ignoreInterrupt").asBoolean(false)) {
      sleepThroughInterrupts(sleepMs);
    } else if (sleepMs > 0) {
      Thread.sleep(sleepMs);
    }
    if (payload.path("fail").asBoolean(false)) {
      throw new DemoFailure("demo job " + job.id() + " fails on every attempt (attempt " + job.attempt() + ")");
    }
    int failTimes = payload.path("failTimes").asInt(0);
    if (job.attempt() <= failTimes) {
      throw new DemoFailure("demo job " + job.id() + " fails attempt " + job.attempt() + " of the first " + failTimes);
    }
    completions.record(job.id());
  }

  private static void sleepThroughInterrupts(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException ignored) {
        // on purpose: this demo job shows what a stuck handler does to the worker
      }
    }
  }

  /** The failure a demo job was asked for. */
  public static final class DemoFailure extends RuntimeException {
    DemoFailure(String message) {
      super(message);
    }
  }
}
