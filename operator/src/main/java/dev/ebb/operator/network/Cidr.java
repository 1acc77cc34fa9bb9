package dev.ebb.operator.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 block, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is its own /32 or /128. */
public record Cidr(BigInteger network, int bits, int length) {

  /** Parses a block; throws naming {@code setting} and the text when it is not one. */
  public static Cidr parse(String text, String setting) {
    String trimmed = text.trim();
    String block = trimmed.contains("/") ? trimmed : trimmed + (trimmed.contains(":") ? "/128" : "/32");
    String[] parts = block.split("/", 2);
    if (!parts[0].matches("^[0-9.]+$") && !parts[0].contains(":")) {
      throw new IllegalArgumentException(setting + ": '" + text + "' is not a CIDR block (10.0.0.0/8, fd00::/8)");
    }
    try {
      byte[] address = InetAddress.getByName(parts[0]).getAddress(); // a literal: never a DNS query
      int prefix = Integer.parseInt(parts[1]);
      int length = address.length * 8;
      if (prefix < 0 || prefix > length) {
        throw new IllegalArgumentException(setting + ": bad prefix in '" + text + "'");
      }
      return new Cidr(mask(new BigInteger(1, address), prefix, length), prefix, length);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(setting + ": bad CIDR block '" + text + "'", e);
    }
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length * 8 == length && mask(new BigInteger(1, bytes), bits, length).equals(network);
  }

  private static BigInteger mask(BigInteger value, int prefix, int length) {
    return value.shiftRight(length - prefix);
  }
}
