package dev.ebb.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.QueueKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.Tuple;

/** Reads a queue the way a test wants to see it: counters, ids waiting, in flight, dead, completed. */
public final class QueueInspector implements AutoCloseable {

  public static final String COMPLETIONS = "test:completions";

  private final RedisClient redis;
  private final QueueKeys keys;

  public QueueInspector(String redisUri, String queue) {
    this.redis = RedisClient.create(redisUri);
    this.keys = new QueueKeys(queue);
  }

  public RedisClient redis() {
    return redis;
  }

  public QueueKeys keys() {
    return keys;
  }

  public long stat(String counter) {
    String value = redis.hget(keys.stats(), counter);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Ids waiting in the queue, consuming end (next to run) first. */
  public List<String> waitingIds() {
    List<String> ids = new ArrayList<>();
    List<String> raw = redis.lrange(keys.queueList(), 0, -1);
    for (int i = raw.size() - 1; i >= 0; i--) {
      ids.add(idOf(raw.get(i)));
    }
    return ids;
  }

  /** Ids in any worker's in-flight list. */
  public List<String> inflightIds() {
    List<String> ids = new ArrayList<>();
    for (String key : redis.keys("ebb:{" + keys.queue() + "}:inflight:*")) {
      redis.lrange(key, 0, -1).forEach(raw -> ids.add(idOf(raw)));
    }
    return ids;
  }

  /** Every element of every worker's in-flight list, as the bytes Redis stores. */
  public List<byte[]> inflightElements() {
    List<byte[]> elements = new ArrayList<>();
    for (String key : redis.keys("ebb:{" + keys.queue() + "}:inflight:*")) {
      elements.addAll(redis.lrange(key.getBytes(StandardCharsets.UTF_8), 0, -1));
    }
    return elements;
  }

  /** The waiting elements as the bytes Redis stores, consuming end first. */
  public List<byte[]> waitingElements() {
    List<byte[]> elements = new ArrayList<>(redis.lrange(keys.queueList().getBytes(StandardCharsets.UTF_8), 0, -1));
    java.util.Collections.reverse(elements);
    return elements;
  }

  /** Pushes an element onto the producing end of the queue exactly as given, valid or not. */
  public void push(byte[] element) {
    redis.lpush(keys.queueList().getBytes(StandardCharsets.UTF_8), element);
  }

  /** For failure messages: where each of these job ids is (queue, in flight, retry, scheduled, dead). */
  public Map<String, String> whereAre(java.util.Collection<String> ids) {
    Map<String, String> where = new java.util.TreeMap<>();
    ids.forEach(id -> where.put(id, "nowhere"));
    waitingIds().stream().filter(where::containsKey).forEach(id -> where.put(id, "queue"));
    inflightIds().stream().filter(where::containsKey).forEach(id -> where.put(id, "inflight"));
    redis.zrange(keys.retry(), 0, -1).stream().map(QueueInspector::idOf).filter(where::containsKey)
        .forEach(id -> where.put(id, "retry"));
    redis.zrange(keys.scheduled(), 0, -1).stream().map(QueueInspector::idOf).filter(where::containsKey)
        .forEach(id -> where.put(id, "scheduled"));
    deadLetters().stream().map(d -> d.path("id").asText()).filter(where::containsKey)
        .forEach(id -> where.put(id, "dead"));
    return where;
  }

  public List<JsonNode> deadLetters() {
    return redis.lrange(keys.dead(), 0, -1).stream().map(QueueInspector::json).toList();
  }

  /** Completions recorded by the demo handler: job id -> number of runs that completed. */
  public Map<String, Long> completions() {
    return redis.hgetAll(COMPLETIONS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
  }

  public Map<String, String> workerHash(String workerId) {
    return redis.hgetAll(keys.worker(workerId));
  }

  public List<String> workers() {
    return redis.zrange(keys.workers(), 0, -1);
  }

  /** Workers a peer reclaimed: id -> score (its last beat, epoch ms). */
  public Map<String, Long> reclaimed() {
    return redis.zrangeWithScores(keys.reclaimed(), 0, -1).stream()
        .collect(Collectors.toMap(Tuple::getElement, t -> (long) t.getScore()));
  }

  private static String idOf(String raw) {
    return json(raw).path("id").asText();
  }

  private static JsonNode json(String raw) {
    try {
      return Envelope.json().readTree(raw);
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + raw, e);
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
