package dev.ebb.worker.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What went wrong in an attempt: the exception class, its message and the head of its stack trace (at most
 * {@value #STACK_LINES} frames, one per line).
 */
public record JobError(@JsonProperty("class") String className, String message, String stack) {

  public static final int STACK_LINES = 10;

  public static JobError of(Throwable failure) {
    String head = Arrays.stream(failure.getStackTrace())
        .limit(STACK_LINES)
        .map(frame -> "at " + frame)
        .collect(Collectors.joining("\n"));
    return new JobError(failure.getClass().getName(), failure.getMessage(), head);
  }

  /** An error that is not an exception: a malformed envelope or a type that nobody handles. */
  public static JobError of(String className, String message) {
    return new JobError(className, message, "");
  }
}
