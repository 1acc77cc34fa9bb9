package dev.ebb.operator.scaler;

/**
 * A queue that could not be measured, and why. {@link #publicMessage()} is what may be shown to the pool's author
 * (status, Events): the server as the pool names it and a reason from a fixed vocabulary, nothing the server said and
 * no detail of the network (DNS failure, refusal, TLS) that would make the operator a probe of places the author cannot
 * reach. {@link #getMessage()} adds the detail, for the operator's log only. Neither ever carries a password.
 */
public class ScalerException extends Exception {

  /** What went wrong, for status reasons and metrics labels. */
  public enum Kind {
    /** Connection refused or dropped, or the name does not resolve. */
    UNREACHABLE("Unreachable", "cannot be reached"),
    /** Connected, but no answer within the operator's Redis timeout. */
    TIMEOUT("Timeout", "did not answer in time"),
    /** The server's name resolves to an address outside the networks the operator may connect to. */
    ADDRESS_NOT_ALLOWED("AddressNotAllowed", "resolves to an address this operator may not connect to"),
    /** The server refused the credentials. */
    AUTHENTICATION("AuthenticationFailed", "refused the credentials"),
    /** The server answered something the format does not allow (a wrong key type, an unparseable job). */
    PROTOCOL("ProtocolError", "answered what the queue format does not allow");

    private final String reason;
    private final String sentence;

    Kind(String reason, String sentence) {
      this.reason = reason;
      this.sentence = sentence;
    }

    /** The word for status and Events. */
    public String reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final String publicMessage;

  /**
   * @param server the server as the pool names it, without credentials
   * @param detail what happened, for the operator's log only
   */
  public ScalerException(Kind kind, String server, String detail, Throwable cause) {
    this(kind, "Redis", server, detail, cause);
  }

  /**
   * @param backend the backend's name as {@link QueueBackend#displayName()} gives it ("RabbitMQ", "PostgreSQL")
   * @param server the server as the pool names it, without credentials
   * @param detail what happened, for the operator's log only
   */
  public ScalerException(Kind kind, String backend, String server, String detail, Throwable cause) {
    super(backend + " " + server + " " + kind.sentence + " (" + kind.reason + "): " + detail, cause);
    this.kind = kind;
    this.publicMessage = backend + " " + server + " " + kind.sentence + " (" + kind.reason + ")";
  }

  public Kind kind() {
    return kind;
  }

  /** The server and the reason, without the detail: what status and Events show. */
  public String publicMessage() {
    return publicMessage;
  }
}
