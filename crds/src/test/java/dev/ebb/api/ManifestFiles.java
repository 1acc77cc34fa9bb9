package dev.ebb.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads Kubernetes YAML (one document or many) into typed fabric8 objects. */
final class ManifestFiles {

  private ManifestFiles() {
  }

  static List<HasMetadata> parse(String yaml) {
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    if (parsed instanceof List<?> list) {
      return list.stream().map(HasMetadata.class::cast).toList();
    }
    return List.of((HasMetadata) parsed);
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
    List<T> matches = objects.stream().filter(type::isInstance).map(type::cast)
        .filter(object -> name.equals(object.getMetadata().getName())).toList();
    if (matches.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + matches.size());
    }
    return matches.get(0);
  }
}
