package dev.ebb.operator.validation;

import dev.ebb.operator.network.Cidr;
import dev.ebb.operator.scaler.QueueBlock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which queue servers pools may point the operator at ({@code EBB_ALLOWED_QUEUE_ADDRESSES}): CIDR blocks for IP
 * addresses ({@code 10.0.0.0/8}) and DNS names, exact ({@code redis.shop.svc}) or with a leading wildcard that
 * matches any subdomain ({@code *.svc.cluster.local}). An empty list allows every address. The host is judged as
 * written in the pool, without resolving it: a name is allowed only by a name rule, an IP literal only by a CIDR rule.
 * What a name resolves to is checked at connect time by {@link dev.ebb.operator.network.QueueNetworks}. Pure.
 */
public final class QueueAddressPolicy {

  static final String NOT_ALLOWED = "AddressNotAllowed";
  private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

  private final List<Cidr> cidrs = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private QueueAddressPolicy() {
  }

  /** Parses the rules; throws with the offending rule when one is neither a CIDR block nor a DNS name. */
  public static QueueAddressPolicy of(Collection<String> rules) {
    QueueAddressPolicy policy = new QueueAddressPolicy();
    for (String rule : rules) {
      String r = rule.trim().toLowerCase(Locale.ROOT);
      if (r.isEmpty()) {
        continue;
      }
      if (r.contains("/") || IPV4.matcher(r).matches() || r.contains(":")) {
        policy.cidrs.add(Cidr.parse(r, "EBB_ALLOWED_QUEUE_ADDRESSES"));
      } else if (r.matches("^(\\*\\.)?[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$")) {
        policy.names.add(r);
      } else {
        throw new IllegalArgumentException("EBB_ALLOWED_QUEUE_ADDRESSES: '" + rule
            + "' is neither a CIDR block (10.0.0.0/8) nor a DNS name (redis.shop.svc, *.svc.cluster.local)");
      }
    }
    return policy;
  }

  public boolean allowsEverything() {
    return cidrs.isEmpty() && names.isEmpty();
  }

  /** The problem with the first host of the pool's queue block that the rules do not allow, if one is not. */
  public Optional<SpecProblem> check(QueueBlock<?> block) {
    if (allowsEverything()) {
      return Optional.empty();
    }
    return block.hosts().stream().map(host -> host.toLowerCase(Locale.ROOT)).filter(host -> !allows(host))
        .findFirst().map(host -> new SpecProblem(NOT_ALLOWED, "queue." + block.field() + " host " + host
            + " is not among the queue addresses this operator may connect to (EBB_ALLOWED_QUEUE_ADDRESSES)"));
  }

  boolean allows(String host) {
    if (IPV4.matcher(host).matches()) {
      return cidrs.stream().anyMatch(c -> c.contains(literal(host)));
    }
    return names.stream().anyMatch(rule -> rule.startsWith("*.")
        ? host.endsWith(rule.substring(1)) && host.length() > rule.length() - 1
        : host.equals(rule));
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip); // an IPv4 literal, checked above: never a DNS query
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }
}
