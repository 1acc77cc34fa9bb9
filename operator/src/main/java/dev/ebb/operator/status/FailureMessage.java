package dev.ebb.operator.status;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

/**
 * A failure in one short sentence for a condition or an Event: what the API server answered and for which resource,
 * never the exception's message (which for a {@link KubernetesClientException} repeats the request and the whole
 * Status, several KB) nor its chain. The full exception goes to the log. Pure.
 */
public final class FailureMessage {

  /** Longest message this class returns, so a condition stays readable in {@code kubectl describe}. */
  public static final int MAX_LENGTH = 200;

  private static final int MAX_DETAIL = 80;
  private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized",
      403, "Forbidden", 404, "Not Found", 409, "Conflict", 410, "Gone", 422, "Unprocessable Entity",
      429, "Too Many Requests", 500, "Internal Server Error", 503, "Service Unavailable");

  private FailureMessage() {
  }

  /** For the Degraded condition: "reconcile failed: the API server answered 403 Forbidden for pods; see the ...". */
  public static String reconcileFailed(Throwable failure) {
    return bounded("reconcile failed: " + cause(failure) + "; see the operator log");
  }

  /** The cause in words: "the API server answered 403 Forbidden for pods", or the exception's kind and first line. */
  public static String cause(Throwable failure) {
    KubernetesClientException api = apiFailure(failure);
    if (api != null) {
      String resource = resource(api);
      if (api.getCode() <= 0) {
        return "the API server could not be reached" + (resource == null ? "" : " for " + resource);
      }
      return "the API server answered " + api.getCode() + reason(api) + (resource == null ? "" : " for " + resource);
    }
    String message = failure.getMessage() == null ? "" : firstLine(failure.getMessage());
    return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + shortened(message, MAX_DETAIL) + ")");
  }

  /**
   * A write that lost a race with another writer (409 Conflict): routine under optimistic concurrency, retried, not
   * worth a stack trace in the log.
   */
  public static boolean isConflict(Throwable failure) {
    KubernetesClientException api = apiFailure(failure);
    return api != null && api.getCode() == 409;
  }

  private static KubernetesClientException apiFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException api) {
        return api;
      }
    }
    return null;
  }

  private static String reason(KubernetesClientException api) {
    Status status = api.getStatus();
    String reason = status == null || status.getReason() == null || status.getReason().isBlank()
        ? REASONS.get(api.getCode()) : spaced(status.getReason());
    return reason == null ? "" : " " + reason;
  }

  private static String resource(KubernetesClientException api) {
    if (api.getResourcePlural() != null && !api.getResourcePlural().isBlank()) {
      return api.getResourcePlural();
    }
    Status status = api.getStatus();
    return status == null || status.getDetails() == null || status.getDetails().getKind() == null
        || status.getDetails().getKind().isBlank() ? null : status.getDetails().getKind();
  }

  /** "NotFound" as "Not Found", the way the HTTP reason phrase reads. */
  private static String spaced(String camelCase) {
    return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2");
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  private static String bounded(String text) {
    return shortened(text, MAX_LENGTH);
  }

  private static String shortened(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
