package dev.ebb.operator.status;

/**
 * The longest text Ebb writes into the API (condition messages, Event messages): 1,024 characters, the size of an
 * Event note in {@code events.k8s.io/v1}. Longer text (a queue server's error line, say) is cut and ends with "…";
 * the whole of it is in the operator's log. Pure.
 */
public final class MessageLength {

  public static final int MAX = 1024;

  private MessageLength() {
  }

  public static String bounded(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    return text.substring(0, MAX - 1) + "…";
  }
}
