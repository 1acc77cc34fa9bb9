package dev.ebb.e2e.support;

import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.producer.NewJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.JedisPooled;

/**
 * The jobs a test enqueued with the producer API, and where each ended: completed once, completed more than once
 * (allowed only for jobs handed back or reclaimed), dead-lettered, or still in the queue or in flight. The workers
 * count completions per job id in {@link TestPool#COMPLETIONS_KEY}.
 */
public final class JobLedger implements AutoCloseable {

  private final JedisPooled redis;
  private final String queue;
  private final JobClient producer;
  private final List<String> enqueued = new ArrayList<>();

  public JobLedger(RedisProcess server, String queue) {
    this.redis = new JedisPooled(server.host(), server.port());
    this.queue = queue;
    this.producer = new JobClient(redis, queue, Clock.systemUTC());
  }

  /** Enqueues {@code count} demo jobs that each take {@code sleepMs}; returns their ids. */
  public synchronized List<String> enqueue(int count, long sleepMs) {
    List<NewJob> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      jobs.add(NewJob.of("demo", Map.of("sleepMs", sleepMs)));
    }
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += 500) {
      ids.addAll(producer.enqueueAll(jobs.subList(from, Math.min(jobs.size(), from + 500))));
    }
    enqueued.addAll(ids);
    return ids;
  }

  public long waiting() {
    return redis.llen("ebb:{" + queue + "}:queue");
  }

  /** Counts, read now. */
  public synchronized Counts counts() {
    Map<String, String> completions = redis.hgetAll(TestPool.COMPLETIONS_KEY);
    long dead = redis.llen("ebb:{" + queue + "}:dead");
    Set<String> ids = new HashSet<>(enqueued);
    long once = 0;
    long more = 0;
    long unknown = 0;
    for (Map.Entry<String, String> entry : completions.entrySet()) {
      if (!ids.contains(entry.getKey())) {
        unknown++;
      } else if (Long.parseLong(entry.getValue()) == 1) {
        once++;
      } else {
        more++;
      }
    }
    Map<String, String> stats = redis.hgetAll("ebb:{" + queue + "}:stats");
    long reclaimed = Long.parseLong(stats.getOrDefault("reclaimed", "0"));
    return new Counts(enqueued.size(), once, more, dead, unknown, reclaimed);
  }

  @Override
  public void close() {
    redis.close();
  }

  /**
   * Where the jobs are: every enqueued job completed (once, or again after a hand-back or reclaim) or dead-lettered.
   * Hand-backs are not counted by the protocol; {@code reclaimed} is its {@code stats} counter.
   */
  public record Counts(long enqueued, long completedOnce, long completedMoreThanOnce, long deadLettered,
      long completedUnknown, long reclaimed) {

    public long accountedFor() {
      return completedOnce + completedMoreThanOnce + deadLettered;
    }

    @Override
    public String toString() {
      return "enqueued " + enqueued + " = completed once " + completedOnce + " + completed again "
          + completedMoreThanOnce + " + dead-lettered " + deadLettered + " (reclaimed " + reclaimed
          + ", completions of unknown ids " + completedUnknown + ")";
    }
  }
}
