package dev.ebb.worker.admin;

import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The dead-letter list of one queue as an operator handles it: list and show (read only), retry (back to the queue as
 * a fresh first attempt, with the {@code dead-retry} script) and discard (with {@code dead-discard}). Both writes
 * name each letter by its exact bytes, so a letter another admin handled meanwhile is skipped, never doubled.
 */
final class DeadLetters {

  private final UnifiedJedis redis;
  private final QueueKeys keys;

  DeadLetters(UnifiedJedis redis, QueueKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** The matching letters, newest first (the list is capped, 10,000 by default). */
  List<DeadLetterEntry> find(DeadLetterSelector selector) {
    List<DeadLetterEntry> found = new ArrayList<>();
    for (byte[] stored : redis.lrange(bytes(keys.dead()), 0, -1)) {
      DeadLetterEntry entry = DeadLetterEntry.of(stored);
      if (selector.matches(entry)) {
        found.add(entry);
      }
    }
    return found;
  }

  /** Puts the matching letters that hold a job back in the queue; returns how many went back. */
  long retry(List<DeadLetterEntry> letters, long now) {
    List<byte[]> args = new ArrayList<>();
    for (DeadLetterEntry letter : letters) {
      if (letter.retryable()) {
        args.add(letter.stored());
        args.add(letter.job().retried(now).toBytes());
      }
    }
    if (args.isEmpty()) {
      return 0;
    }
    return (Long) Scripts.DEAD_RETRY.run(redis,
        new byte[][] {bytes(keys.dead()), bytes(keys.queueList()), bytes(keys.stats())}, args);
  }

  /** Deletes the letters; returns how many were still there. */
  long discard(List<DeadLetterEntry> letters) {
    if (letters.isEmpty()) {
      return 0;
    }
    return (Long) Scripts.DEAD_DISCARD.run(redis, new byte[][] {bytes(keys.dead())},
        letters.stream().map(DeadLetterEntry::stored).toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
