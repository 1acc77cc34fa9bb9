package dev.ebb.operator.dashboard;

import dev.ebb.operator.status.ConditionType;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** A pool's conditions in a few words for its row: "Ready, Active", "not Ready: AddressNotAllowed, Degraded". */
public final class ConditionSummary {

  private ConditionSummary() {
  }

  public static String of(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "no conditions yet";
    }
    List<String> words = new ArrayList<>();
    for (ConditionType type : ConditionType.values()) {
      for (Condition c : conditions) {
        if (!type.name().equals(c.getType())) {
          continue;
        }
        if (type == ConditionType.Ready) {
          words.add("True".equals(c.getStatus()) ? "Ready" : "not Ready: " + c.getReason());
        } else if ("True".equals(c.getStatus())) {
          words.add(type.name());
        }
      }
    }
    return String.join(", ", words);
  }
}
