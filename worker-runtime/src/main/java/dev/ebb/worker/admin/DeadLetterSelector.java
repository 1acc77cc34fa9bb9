package dev.ebb.worker.admin;

import java.util.List;
import java.util.Set;

/**
 * Which dead letters a {@code dead} command acts on: by job id ({@code --id}, repeatable), by job type
 * ({@code --type}), or all of them ({@code --all}). Ids and a type together select the letters that match both.
 */
record DeadLetterSelector(Set<String> ids, String type, boolean all) {

  static final DeadLetterSelector ALL = new DeadLetterSelector(Set.of(), null, true);

  /** Reads {@code --id}, {@code --type} and {@code --all} from {@code args}; throws when they say nothing. */
  static DeadLetterSelector parse(List<String> args) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    String type = null;
    boolean all = false;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--id" -> ids.add(value(args, ++i, "--id"));
        case "--type" -> type = value(args, ++i, "--type");
        case "--all" -> all = true;
        default -> throw new IllegalArgumentException("unexpected argument '" + args.get(i) + "'");
      }
    }
    if (all && (type != null || !ids.isEmpty())) {
      throw new IllegalArgumentException("--all selects every dead letter: it takes no --id or --type");
    }
    if (!all && type == null && ids.isEmpty()) {
      throw new IllegalArgumentException("say which dead letters: --id ID (repeatable), --type TYPE, or --all");
    }
    return new DeadLetterSelector(Set.copyOf(ids), type, all);
  }

  boolean matches(DeadLetterEntry entry) {
    if (all) {
      return true;
    }
    return (ids.isEmpty() || entry.id() != null && ids.contains(entry.id()))
        && (type == null || type.equals(entry.type()));
  }

  private static String value(List<String> args, int index, String flag) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(index);
  }
}
