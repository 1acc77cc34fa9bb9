package dev.ebb.operator.security;

import dev.ebb.operator.security.RbacRules.Attributes;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps an HTTP request to the API server onto RBAC's request attributes, as the API server's request-info resolver
 * does: {@code /api/v1/...} is the core group, {@code /apis/<group>/<version>/...} a named one;
 * GET on one object is get, on a collection list, with {@code watch=true} watch; POST create, PUT update, PATCH patch,
 * DELETE delete (deletecollection on a collection).
 */
final class RequestAttributes {

  private RequestAttributes() {
  }

  /** Empty for a non-resource URL ({@code /version}, {@code /apis}). */
  static Optional<Attributes> of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    List<String> rest;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      rest = parts.subList(2, parts.size());
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      rest = parts.subList(3, parts.size());
    } else {
      return Optional.empty();
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : null;
    if (rest.size() >= 3) {
      resource = resource + "/" + rest.get(2);
    }
    boolean watch = uri.getQuery() != null && Arrays.stream(uri.getQuery().split("&"))
        .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    String verb = switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> watch ? "watch" : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
    return Optional.of(new Attributes(verb, group, resource, namespace, name));
  }
}
