package dev.ebb.worker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.periodic.CronSchedule;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.QueueKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One queue at a glance, as {@code ebb-worker queues} prints it: jobs waiting, the oldest one's age (null when the
 * queue is empty or its tail is not an envelope), jobs in flight (in the lists of registered and reclaimed workers),
 * in the retry and scheduled sets, dead letters, registered workers, and the periodic schedules.
 */
record QueueOverview(String queue, long waiting, Long oldestAgeMs, long inFlight, long retry, long scheduled,
    long dead, long workers, List<Periodic> periodic) {

  /** A periodic schedule the workers declared, its last tick (enqueued or passed by) and the next one, ISO 8601. */
  record Periodic(String name, String cron, String type, String lastTick, String nextTick) {
  }

  /** Most queues {@link #discover} lists. */
  static final int MAX_QUEUES = 1_000;

  static QueueOverview read(UnifiedJedis redis, String queue, long now) {
    QueueKeys keys = new QueueKeys(queue);
    Response<Long> waiting;
    Response<byte[]> oldest;
    Response<Long> retry;
    Response<Long> scheduled;
    Response<Long> dead;
    Response<List<String>> workers;
    Response<List<String>> reclaimed;
    Response<Map<String, String>> schedules;
    Response<Map<String, String>> ticks;
    try (AbstractPipeline pipeline = redis.pipelined()) {
      waiting = pipeline.llen(keys.queueList());
      oldest = pipeline.lindex(keys.queueList().getBytes(StandardCharsets.UTF_8), -1);
      retry = pipeline.zcard(keys.retry());
      scheduled = pipeline.zcard(keys.scheduled());
      dead = pipeline.llen(keys.dead());
      workers = pipeline.zrange(keys.workers(), 0, -1);
      reclaimed = pipeline.zrange(keys.reclaimed(), 0, -1);
      schedules = pipeline.hgetAll(keys.schedules());
      ticks = pipeline.hgetAll(keys.periodic());
      pipeline.sync();
    }
    List<Response<Long>> lists = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      workers.get().forEach(id -> lists.add(pipeline.llen(keys.inflight(id))));
      reclaimed.get().forEach(id -> lists.add(pipeline.llen(keys.inflight(id))));
      pipeline.sync();
    }
    long inFlight = lists.stream().mapToLong(Response::get).sum();
    return new QueueOverview(queue, waiting.get(), age(oldest.get(), now), inFlight, retry.get(), scheduled.get(),
        dead.get(), workers.get().size(), periodic(schedules.get(), ticks.get()));
  }

  private static List<Periodic> periodic(Map<String, String> schedules, Map<String, String> ticks) {
    List<Periodic> periodic = new ArrayList<>();
    new TreeMap<>(schedules).forEach((name, json) -> {
      try {
        JsonNode schedule = Envelope.json().readTree(json);
        String cron = schedule.path("cron").asText();
        String last = ticks.get(name);
        Instant lastTick = last == null ? null : Instant.ofEpochMilli(Long.parseLong(last));
        Instant next = lastTick == null ? null : CronSchedule.parse(cron).next(lastTick);
        periodic.add(new Periodic(name, cron, schedule.path("type").asText(), text(lastTick), text(next)));
      } catch (IOException | IllegalArgumentException e) {
        periodic.add(new Periodic(name, "unreadable: " + json, null, null, null));
      }
    });
    return periodic;
  }

  /** The queues this Redis holds, by their {@code ebb:{<Q>}:stats} hash (every queue that was ever written). */
  static List<String> discover(UnifiedJedis redis) {
    TreeSet<String> queues = new TreeSet<>();
    ScanParams match = new ScanParams().match("ebb:{*}:stats").count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      for (String key : page.getResult()) {
        queues.add(key.substring("ebb:{".length(), key.length() - "}:stats".length()));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START) && queues.size() < MAX_QUEUES);
    return List.copyOf(queues);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Long age(byte[] element, long now) {
    if (element == null) {
      return null;
    }
    try {
      JsonNode enqueuedAt = Envelope.json().readTree(element).path("enqueuedAt");
      return enqueuedAt.isNumber() ? Math.max(0, now - enqueuedAt.asLong()) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
