package dev.ebb.worker.runtime;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Who this worker is: its id ({@code <pod>:<pid>:<random>}, unique per process start), pod, pool, start time. */
public record WorkerIdentity(String id, String pod, String pool, long startedAt) {

  public static WorkerIdentity create(String pod, String pool, long now) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    String id = pod + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(random);
    return new WorkerIdentity(id, pod, pool, now);
  }
}
