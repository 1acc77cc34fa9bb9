package dev.ebb.worker.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One Lua script of the protocol, run with EVALSHA and, when the server does not know it (first use, or Redis
 * restarted and lost its script cache), with EVAL, which also caches it.
 */
public final class RedisScript {

  private final String name;
  private final String source;
  private final String sha1;
  private final byte[] sha1Bytes;
  private final byte[] sourceBytes;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
    this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
  }

  /** Loads {@code /dev/ebb/worker/protocol/<name>.lua} from the classpath. */
  public static RedisScript load(String name) {
    String resource = "/dev/ebb/worker/protocol/" + name + ".lua";
    try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new RedisScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException notCached) {
      return redis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script with binary keys and arguments: queue elements travel as the exact bytes Redis stores, so an
   * element that is not valid UTF-8 is matched (and moved) as it is, never as a re-encoded copy.
   */
  public Object run(UnifiedJedis redis, byte[][] keys, List<byte[]> args) {
    List<byte[]> keyList = Arrays.asList(keys);
    try {
      return redis.evalsha(sha1Bytes, keyList, args);
    } catch (JedisNoScriptException notCached) {
      return redis.eval(sourceBytes, keyList, args);
    }
  }

  /** Queues the script on a pipeline; the caller loads it first with {@link #run} or {@code SCRIPT LOAD}. */
  public Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
    return pipeline.evalsha(sha1, keys, args);
  }

  public String name() {
    return name;
  }

  public String source() {
    return source;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
