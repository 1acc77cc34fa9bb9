package dev.ebb.worker.protocol;

/** The protocol's Lua scripts, loaded once per JVM. Each one is documented in docs/protocol.md. */
public final class Scripts {

  public static final RedisScript FETCH = RedisScript.load("fetch");
  public static final RedisScript ACK = RedisScript.load("ack");
  public static final RedisScript FAIL = RedisScript.load("fail");
  public static final RedisScript ENQUEUE = RedisScript.load("enqueue");
  public static final RedisScript SCHEDULE = RedisScript.load("schedule");
  public static final RedisScript PROMOTE = RedisScript.load("promote");
  public static final RedisScript HANDBACK = RedisScript.load("handback");
  public static final RedisScript HANDBACK_SOME = RedisScript.load("handback-some");
  public static final RedisScript RECLAIM = RedisScript.load("reclaim");
  public static final RedisScript HEARTBEAT = RedisScript.load("heartbeat");
  public static final RedisScript RETIRE = RedisScript.load("retire");
  public static final RedisScript DEAD_RETRY = RedisScript.load("dead-retry");
  public static final RedisScript DEAD_DISCARD = RedisScript.load("dead-discard");
  public static final RedisScript PERIODIC = RedisScript.load("periodic");

  private Scripts() {
  }
}
