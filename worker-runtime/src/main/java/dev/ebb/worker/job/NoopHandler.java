package dev.ebb.worker.job;

/** Does nothing: measures the runtime's own cost per job (bench/worker-throughput.sh). */
public final class NoopHandler implements JobHandler {

  public static final String TYPE = "noop";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void handle(Job job) {
  }
}
