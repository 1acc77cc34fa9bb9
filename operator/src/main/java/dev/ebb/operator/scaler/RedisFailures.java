package dev.ebb.operator.scaler;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis' exceptions into {@link ScalerException}s with a kind, naming the server but no credential. */
final class RedisFailures {

  private RedisFailures() {
  }

  /** A read of Redis that may throw Jedis' exceptions. */
  interface RedisRead<T> {
    T read();
  }

  /**
   * Runs the read, once more if the connection it got was broken (an idle connection that died with a Redis
   * restart); the broken connection is dropped by the pool, so the second try gets a fresh one.
   */
  static <T> T retryOnceOnBrokenConnection(RedisRead<T> read) {
    try {
      return read.read();
    } catch (JedisConnectionException e) {
      return read.read();
    }
  }

  static ScalerException classify(JedisException e, RedisEndpoint endpoint) {
    String server = endpoint.toString();
    if (causedBy(e, GuardedSocketFactory.AddressNotAllowed.class)) {
      return new ScalerException(ScalerException.Kind.ADDRESS_NOT_ALLOWED, server, rootMessage(e), e);
    }
    if (isAuth(e)) {
      return new ScalerException(ScalerException.Kind.AUTHENTICATION, server, rootMessage(e), e);
    }
    if (causedBy(e, ReplyLimits.ReplyTooLarge.class)) {
      return new ScalerException(ScalerException.Kind.PROTOCOL, server, rootMessage(e), e);
    }
    if (isTimeout(e)) {
      return new ScalerException(ScalerException.Kind.TIMEOUT, server, rootMessage(e), e);
    }
    if (e instanceof JedisConnectionException || e.getCause() instanceof java.io.IOException) {
      return new ScalerException(ScalerException.Kind.UNREACHABLE, server, rootMessage(e), e);
    }
    if (e instanceof JedisDataException) {
      return new ScalerException(ScalerException.Kind.PROTOCOL, server, "an error reply: " + e.getMessage(), e);
    }
    return new ScalerException(ScalerException.Kind.UNREACHABLE, server, rootMessage(e), e);
  }

  private static boolean isTimeout(Throwable e) {
    return causedBy(e, java.net.SocketTimeoutException.class);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Also looks into the causes: a refused password can surface as the pool's failed validation of a connection. */
  private static boolean isAuth(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof JedisAccessControlException || message.startsWith("NOAUTH")
          || message.startsWith("WRONGPASS") || message.contains("invalid password")
          || message.contains("Authentication required")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
