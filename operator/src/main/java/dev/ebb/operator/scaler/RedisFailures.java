package dev.ebb.operator.scaler;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis' exceptions into {@link ScalerException}s with a kind, naming the server but no credential. */
final class RedisFailures {

  private RedisFailures() {
  }

  static ScalerException classify(JedisException e, RedisEndpoint endpoint) {
    String where = " (" + endpoint + ")";
    if (e instanceof JedisAccessControlException || isAuth(e)) {
      return new ScalerException(ScalerException.Kind.AUTHENTICATION, "Redis refused the credentials" + where, e);
    }
    if (e instanceof JedisConnectionException || e.getCause() instanceof java.io.IOException) {
      return new ScalerException(ScalerException.Kind.UNREACHABLE, "Redis is unreachable" + where + ": "
          + rootMessage(e), e);
    }
    if (e instanceof JedisDataException) {
      return new ScalerException(ScalerException.Kind.PROTOCOL, "Redis answered an error" + where + ": "
          + e.getMessage(), e);
    }
    return new ScalerException(ScalerException.Kind.UNREACHABLE, "Redis failed" + where + ": " + rootMessage(e), e);
  }

  private static boolean isAuth(JedisException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.startsWith("NOAUTH") || message.startsWith("WRONGPASS") || message.contains("invalid password");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
