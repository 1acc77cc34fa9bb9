package dev.ebb.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes conditions with care: {@code lastTransitionTime} changes only when a condition's status flips, so an
 * unchanged pool yields an equal condition list and no status write.
 */
public final class Conditions {

  private Conditions() {
  }

  /** The list with {@code type} set; the others are copied as they are, kept in the enum's order. */
  public static List<Condition> with(List<Condition> current, ConditionType type, boolean status, String reason,
      String message, Long generation, Instant now) {
    List<Condition> result = new ArrayList<>();
    Optional<Condition> previous = find(current, type);
    String statusText = status ? "True" : "False";
    String transition = previous.filter(c -> statusText.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    if (current != null) {
      current.stream().filter(c -> !type.name().equals(c.getType())).forEach(result::add);
    }
    result.add(new ConditionBuilder()
        .withType(type.name())
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(MessageLength.bounded(message))
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build());
    result.sort(Comparator.comparingInt(c -> order(c.getType())));
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, ConditionType type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, ConditionType type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The reason of {@code type}, or null when it is not set. */
  public static String reason(List<Condition> conditions, ConditionType type) {
    return find(conditions, type).map(Condition::getReason).orElse(null);
  }

  private static int order(String type) {
    for (ConditionType t : ConditionType.values()) {
      if (t.name().equals(type)) {
        return t.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }
}
