package dev.ebb.worker.producer;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Enqueues jobs onto one queue of the {@code ebb} protocol: now ({@code LPUSH} onto the queue), later (into the
 * scheduled set, moved to the queue when due by the workers' poller), or many at once ({@value #CHUNK} per script call).
 * Every path increments the queue's {@code enqueued} counter in the same atomic step.
 */
public final class JobClient {

  static final int CHUNK = 1000;

  private final UnifiedJedis redis;
  private final QueueKeys keys;
  private final Clock clock;

  public JobClient(UnifiedJedis redis, String queue, Clock clock) {
    this.redis = redis;
    this.keys = new QueueKeys(queue);
    this.clock = clock;
  }

  /** Enqueues a job now; returns its id. */
  public String enqueue(String type, Object payload) {
    return enqueue(NewJob.of(type, payload));
  }

  public String enqueue(NewJob job) {
    return enqueueAll(List.of(job)).get(0);
  }

  /** Enqueues jobs now, in order, {@value #CHUNK} per round trip; returns their ids. */
  public List<String> enqueueAll(List<NewJob> jobs) {
    List<String> ids = new ArrayList<>(jobs.size());
    List<String> chunk = new ArrayList<>(Math.min(CHUNK, jobs.size()));
    long now = clock.millis();
    for (NewJob job : jobs) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      chunk.add(job.envelope(id, now, now).toJson());
      if (chunk.size() == CHUNK) {
        Scripts.ENQUEUE.run(redis, List.of(keys.queueList(), keys.stats()), chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      Scripts.ENQUEUE.run(redis, List.of(keys.queueList(), keys.stats()), chunk);
    }
    return ids;
  }

  public String enqueueIn(Duration delay, String type, Object payload) {
    return enqueueAt(clock.instant().plus(delay), NewJob.of(type, payload));
  }

  public String enqueueAt(Instant when, String type, Object payload) {
    return enqueueAt(when, NewJob.of(type, payload));
  }

  /** Adds a job to the scheduled set; it enters the queue once {@code when} has passed. */
  public String enqueueAt(Instant when, NewJob job) {
    String id = UUID.randomUUID().toString();
    long due = when.toEpochMilli();
    String envelope = job.envelope(id, due, clock.millis()).toJson();
    Scripts.SCHEDULE.run(redis, List.of(keys.scheduled(), keys.stats()), List.of(Long.toString(due), envelope));
    return id;
  }
}
