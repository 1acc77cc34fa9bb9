package dev.ebb.operator.scaler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of a pool's Secret references, keyed as {@link QueueBackend#secretReferences} keys them. Compared and
 * fingerprinted (to share connections per credential) but never printed.
 */
public final class Credentials {

  private static final Credentials NONE = new Credentials(Map.of());

  private final Map<String, String> values;

  private Credentials(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Credentials none() {
    return NONE;
  }

  public static Credentials of(Map<String, String> values) {
    return values.isEmpty() ? NONE : new Credentials(values);
  }

  /** The value of the reference at {@code field} ({@code passwordFrom}), if the pool names one. */
  public Optional<String> get(String field) {
    return Optional.ofNullable(values.get(field));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** A SHA-256 of every key and value: equal for equal credentials, and safe to keep as a map key. */
  public String fingerprint() {
    if (values.isEmpty()) {
      return "";
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(values).forEach((key, value) -> {
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Credentials" + new TreeMap<>(values).keySet();
  }
}
