package dev.ebb.operator.scaler;

/** A queue that could not be measured, and why. Messages never carry a password. */
public class ScalerException extends Exception {

  /** What went wrong, for status reasons and metrics labels. */
  public enum Kind {
    /** Connection refused, timed out, or dropped. */
    UNREACHABLE,
    /** The server refused the credentials. */
    AUTHENTICATION,
    /** The server answered something the format does not allow (a wrong key type, an unparseable job). */
    PROTOCOL
  }

  private final Kind kind;

  public ScalerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
