package dev.ebb.operator.scaler.sqs;

import java.util.List;
import java.util.Map;

/**
 * The three counts {@code GetQueueAttributes} gives for a queue, all approximate (SQS counts across its distributed
 * servers and says the figures settle about a minute after a change).
 *
 * @param visible {@code ApproximateNumberOfMessages}: messages a consumer can receive now (the depth)
 * @param inFlight {@code ApproximateNumberOfMessagesNotVisible}: received and neither deleted nor back from their
 *     visibility timeout (the running jobs)
 * @param delayed {@code ApproximateNumberOfMessagesDelayed}: sent with a delay not yet over; not ready, so not depth
 */
record SqsAttributes(long visible, long inFlight, long delayed) {

  static final String VISIBLE = "ApproximateNumberOfMessages";
  static final String IN_FLIGHT = "ApproximateNumberOfMessagesNotVisible";
  static final String DELAYED = "ApproximateNumberOfMessagesDelayed";
  static final List<String> NAMES = List.of(VISIBLE, IN_FLIGHT, DELAYED);
  /** SQS has no queue limit on the messages it stores; this is far beyond any real one and still fits the status. */
  static final long MOST = 1L << 40;

  /**
   * The counts from an answer's attributes. Pure.
   *
   * @throws Malformed when one is missing, not a whole number, negative or absurdly large: not an SQS answer
   */
  static SqsAttributes from(Map<String, String> attributes) throws Malformed {
    return new SqsAttributes(count(attributes, VISIBLE), count(attributes, IN_FLIGHT), count(attributes, DELAYED));
  }

  private static long count(Map<String, String> attributes, String name) throws Malformed {
    String text = attributes.get(name);
    if (text == null) {
      throw new Malformed("the answer has no " + name);
    }
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new Malformed(name + " is not a whole number");
    }
    if (value < 0 || value > MOST) {
      throw new Malformed(name + " is " + value + ", outside [0, 2^40]");
    }
    return value;
  }

  /** The answer was not one SQS gives. The message names the attribute, never the server's bytes. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }
}
