package dev.ebb.worker.job;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Handlers by job type. Built from {@code EBB_HANDLERS}: a comma-separated list whose entries are either a class name
 * ({@code com.shop.SendMail}, registered under its {@link JobHandler#type()}) or {@code type=class name}. The built-in
 * {@code demo} and {@code noop} handlers are registered first, so an entry may replace them.
 */
public final class HandlerRegistry {

  private final Map<String, JobHandler> handlers;

  public HandlerRegistry(Map<String, JobHandler> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  public static HandlerRegistry fromSpec(String spec, CompletionLog completions, ClassLoader loader) {
    Map<String, JobHandler> handlers = new TreeMap<>();
    handlers.put(DemoHandler.TYPE, new DemoHandler(completions));
    handlers.put(NoopHandler.TYPE, new NoopHandler());
    for (String entry : spec.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      JobHandler handler = instantiate(eq >= 0 ? trimmed.substring(eq + 1).trim() : trimmed, loader);
      handlers.put(eq >= 0 ? trimmed.substring(0, eq).trim() : handler.type(), handler);
    }
    return new HandlerRegistry(handlers);
  }

  public Optional<JobHandler> find(String type) {
    return Optional.ofNullable(handlers.get(type));
  }

  public Set<String> types() {
    return new TreeMap<>(handlers).keySet();
  }

  private static JobHandler instantiate(String className, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(className, true, loader);
      if (!JobHandler.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException("EBB_HANDLERS: " + className + " does not implement JobHandler");
      }
      return (JobHandler) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("EBB_HANDLERS: cannot create " + className
          + " (needs a public no-argument constructor): " + e, e);
    }
  }
}
