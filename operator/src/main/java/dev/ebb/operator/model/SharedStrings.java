package dev.ebb.operator.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * The client's JSON reading with short strings shared: every object the informers cache carries the same condition
 * types, statuses and reasons, label and annotation values, API versions, kinds, durations and namespace names as
 * thousands of others, and Jackson makes a new String of each. Strings up to {@value #MAX_SHARED} characters are
 * interned (the JVM's string table holds them weakly: a value no object uses any more is collected); longer ones
 * (messages, JSON, certificates) are left alone. Field names are shared by Jackson already.
 */
public final class SharedStrings {

  static final int MAX_SHARED = 64;

  private SharedStrings() {
  }

  /** fabric8's serialization, reading short string values as shared strings. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
    // after fabric8's own modules, which the constructor registered
    mapper.registerModule(new SimpleModule("ebb-shared-strings").addDeserializer(String.class, new Interning()));
    return serialization;
  }

  private static final class Interning extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = super.deserialize(parser, context);
      return value != null && value.length() <= MAX_SHARED ? value.intern() : value;
    }
  }
}
