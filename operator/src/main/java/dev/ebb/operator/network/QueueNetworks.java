package dev.ebb.operator.network;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The networks queue servers must be in, checked on the addresses a queue's host resolves to when the operator
 * connects ({@code EBB_ALLOWED_QUEUE_NETWORKS}), not on the name a pool writes: an ExternalName Service or a DNS record
 * that points a cluster name somewhere else is refused. Every address a name resolves to must be inside; an empty
 * list checks nothing. Pure.
 */
public final class QueueNetworks {

  public static final String SETTING = "EBB_ALLOWED_QUEUE_NETWORKS";

  private final List<Cidr> blocks;

  private QueueNetworks(List<Cidr> blocks) {
    this.blocks = blocks;
  }

  public static QueueNetworks of(Collection<String> blocks) {
    return new QueueNetworks(blocks.stream().filter(b -> !b.isBlank()).map(b -> Cidr.parse(b, SETTING)).toList());
  }

  public static QueueNetworks anywhere() {
    return new QueueNetworks(List.of());
  }

  public boolean checksNothing() {
    return blocks.isEmpty();
  }

  public boolean allows(InetAddress address) {
    return blocks.isEmpty() || blocks.stream().anyMatch(block -> block.contains(address));
  }

  /** The addresses outside every block; empty when all are allowed. */
  public List<InetAddress> outside(InetAddress... addresses) {
    return Arrays.stream(addresses).filter(a -> !allows(a)).toList();
  }
}
