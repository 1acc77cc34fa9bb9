package dev.ebb.worker.periodic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One periodic job: at each tick of {@code cron} (UTC) a job of {@code type} with {@code payload} is enqueued, once
 * across all workers. With {@code catchUp} (the default) a worker that starts after ticks nobody enqueued (no worker
 * ran) enqueues the latest of them once; without, it passes them by.
 */
public record PeriodicSchedule(String name, String cron, String type, JsonNode payload, Boolean catchUp) {

  public PeriodicSchedule {
    if (name == null || name.isBlank() || type == null || type.isBlank() || cron == null) {
      throw new IllegalArgumentException("a periodic job needs name, cron and type: " + name);
    }
    CronSchedule.parse(cron);
    catchUp = catchUp == null || catchUp;
  }

  @JsonIgnore
  public CronSchedule schedule() {
    return CronSchedule.parse(cron);
  }

  /**
   * Reads {@code EBB_PERIODIC}: a JSON array of {@code {"name", "cron", "type", "payload", "catchUp"}}; empty for
   * none.
   */
  public static List<PeriodicSchedule> parseAll(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<PeriodicSchedule> schedules;
    try {
      schedules = Envelope.json().readValue(json, new TypeReference<List<PeriodicSchedule>>() { });
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
      throw new IllegalArgumentException(cause instanceof IllegalArgumentException ? cause.getMessage()
          : "not a JSON array of {name, cron, type, payload, catchUp}: " + e.getOriginalMessage());
    }
    Set<String> names = new HashSet<>();
    for (PeriodicSchedule schedule : schedules) {
      if (!names.add(schedule.name())) {
        throw new IllegalArgumentException("periodic job name '" + schedule.name() + "' is used twice");
      }
    }
    return List.copyOf(schedules);
  }
}
