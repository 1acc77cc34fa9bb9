package dev.ebb.worker.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.runtime.RedisConnector;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The worker's everyday tools, on the same Redis settings as the worker ({@code EBB_REDIS_URL}, {@code EBB_QUEUE},
 * {@code EBB_REDIS_PASSWORD}, or {@code --redis-url}, {@code --queue}):
 * <pre>
 * ebb-worker queues [--json]                                every queue (or only --queue's): waiting, oldest, ...
 * ebb-worker dead list [--id ID]... [--type T] [--json]     dead letters, newest first
 * ebb-worker dead show (--id ID... | --type T | --all)      the letters as stored (JSON)
 * ebb-worker dead retry (--id ID... | --type T | --all)     back to the queue, attempts reset [--json]
 * ebb-worker dead discard (--id ID... | --type T | --all)   delete them [--json]
 * </pre>
 * Exit codes: 0 done, 1 Redis unreachable, 2 usage.
 */
public final class AdminCommand {

  static final Set<String> COMMANDS = Set.of("queues", "dead");

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  AdminCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** True when the worker's arguments name one of these commands instead of starting a worker. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  public static int run(String[] args, Map<String, String> environment) {
    return new AdminCommand(System.out, System.err, Clock.systemUTC()).run(List.of(args), environment);
  }

  int run(List<String> args, Map<String, String> environment) {
    List<String> own = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    boolean json = false;
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--redis-url") || arg.equals("--queue")) {
        settings.add(arg);
        if (i + 1 < args.size()) {
          settings.add(args.get(++i));
        }
      } else if (arg.startsWith("--redis-url=") || arg.startsWith("--queue=")) {
        settings.add(arg);
      } else {
        own.add(arg);
      }
    }
    try {
      WorkerConfig config = WorkerConfig.from(environment, settings, "ebb-admin");
      boolean queueNamed = environment.containsKey("EBB_QUEUE")
          || settings.stream().anyMatch(setting -> setting.startsWith("--queue"));
      try (RedisClient redis = RedisConnector.connect(config.redis(), 2, config.fetchTimeout(), "ebb-admin")) {
        return switch (args.get(0)) {
          case "queues" -> queues(redis, queueNamed ? List.of(config.queue()) : null, own, json);
          default -> dead(new DeadLetters(redis, new QueueKeys(config.queue())), own, json);
        };
      }
    } catch (IllegalArgumentException e) {
      err.println("ebb-worker " + args.get(0) + ": " + e.getMessage());
      return 2;
    } catch (JedisException e) {
      err.println("ebb-worker " + args.get(0) + ": Redis: " + e.getMessage());
      return 1;
    }
  }

  private int queues(RedisClient redis, List<String> named, List<String> args, boolean json) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("unexpected argument '" + args.get(0) + "'");
    }
    long now = clock.millis();
    List<QueueOverview> overviews = (named != null ? named : QueueOverview.discover(redis)).stream()
        .map(queue -> QueueOverview.read(redis, queue, now)).toList();
    if (json) {
      print(Envelope.json().valueToTree(overviews));
      return 0;
    }
    out.printf("%-24s %8s %8s %9s %6s %9s %6s %7s%n", "QUEUE", "WAITING", "OLDEST", "IN-FLIGHT", "RETRY",
        "SCHEDULED", "DEAD", "WORKERS");
    for (QueueOverview q : overviews) {
      out.printf("%-24s %8d %8s %9d %6d %9d %6d %7d%n", q.queue(), q.waiting(),
          q.oldestAgeMs() == null ? "-" : age(q.oldestAgeMs()), q.inFlight(), q.retry(), q.scheduled(), q.dead(),
          q.workers());
    }
    for (QueueOverview q : overviews) {
      for (QueueOverview.Periodic p : q.periodic()) {
        out.printf("%s: periodic %s '%s' -> %s, last tick %s, next %s%n", q.queue(), p.name(), p.cron(), p.type(),
            p.lastTick() == null ? "-" : p.lastTick(), p.nextTick() == null ? "-" : p.nextTick());
      }
    }
    return 0;
  }

  private int dead(DeadLetters letters, List<String> args, boolean json) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("dead list | show | retry | discard");
    }
    String action = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (action) {
      case "list" -> {
        List<DeadLetterEntry> found = letters.find(rest.isEmpty() ? DeadLetterSelector.ALL
            : DeadLetterSelector.parse(rest));
        if (json) {
          ArrayNode array = Envelope.json().createArrayNode();
          found.forEach(letter -> array.add(letter.summary()));
          print(array);
        } else {
          out.printf("%-36s %-20s %-12s %7s %-24s %s%n", "ID", "TYPE", "REASON", "ATTEMPT", "FAILED-AT", "ERROR");
          for (DeadLetterEntry letter : found) {
            ObjectNode s = letter.summary();
            out.printf("%-36s %-20s %-12s %7s %-24s %s%n", text(s.path("id").asText(null)),
                text(s.path("type").asText(null)), s.path("reason").asText("-"),
                s.has("attempt") ? s.path("attempt").asText() : "-",
                Instant.ofEpochMilli(s.path("failedAt").asLong()), text(s.path("error").asText(null)));
          }
        }
      }
      case "show" -> {
        ArrayNode array = Envelope.json().createArrayNode();
        letters.find(DeadLetterSelector.parse(rest)).forEach(letter -> array.add(letter.letter()));
        print(array);
      }
      case "retry" -> {
        List<DeadLetterEntry> found = letters.find(DeadLetterSelector.parse(rest));
        long retried = letters.retry(found, clock.millis());
        long notJobs = found.stream().filter(letter -> !letter.retryable()).count();
        report(json, Envelope.json().createObjectNode().put("matched", found.size()).put("retried", retried)
            .put("notJobs", notJobs), "retried " + retried + " of " + found.size() + " dead letter(s)"
            + (notJobs > 0 ? "; " + notJobs + " hold no job (unparseable) and stay" : ""));
      }
      case "discard" -> {
        List<DeadLetterEntry> found = letters.find(DeadLetterSelector.parse(rest));
        long discarded = letters.discard(found);
        report(json, Envelope.json().createObjectNode().put("matched", found.size()).put("discarded", discarded),
            "discarded " + discarded + " of " + found.size() + " dead letter(s)");
      }
      default -> throw new IllegalArgumentException("unknown action '" + action + "': list | show | retry | discard");
    }
    return 0;
  }

  private void report(boolean json, ObjectNode result, String text) {
    if (json) {
      print(result);
    } else {
      out.println(text);
    }
  }

  private void print(Object tree) {
    try {
      out.println(Envelope.json().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String value) {
    return value == null ? "-" : value.replaceAll("\\s+", " ");
  }

  private static String age(long millis) {
    if (millis < 1_000) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds < 120 ? seconds + "s" : seconds < 7_200 ? seconds / 60 + "m" : seconds / 3600 + "h";
  }
}
