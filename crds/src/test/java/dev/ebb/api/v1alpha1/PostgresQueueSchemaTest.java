package dev.ebb.api.v1alpha1;

import static dev.ebb.api.v1alpha1.WorkerPoolCases.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.api.schema.CrdSchemaValidator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code kubectl apply} answers for a pool whose queue is {@code spec.queue.postgres}. */
class PostgresQueueSchemaTest {

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.forWorkerPool();
  private static final String BLOCK = "host: db.shop.svc, database: shop, user: ebb, format: good_job, queue: mailer";

  static Stream<Arguments> validBlocks() {
    return Stream.of(
        valid("good_job with a user", BLOCK),
        valid("solid_queue with userFrom and passwordFrom", "host: 10.0.0.7, port: 6432, database: app_queue,"
            + " userFrom: {secretKeyRef: {name: db, key: user}},"
            + " passwordFrom: {secretKeyRef: {name: db, key: password}},"
            + " format: solid_queue, queue: default, sslMode: disable"),
        valid("graphile_worker without a queue", "host: db, database: app, user: ebb, format: graphile_worker"),
        valid("river in its own schema", "host: db, database: app, user: ebb, format: river, queue: default,"
            + " schema: river_jobs"),
        valid("verify-full with a CA",
            BLOCK + ", sslMode: verify-full, caFrom: {secretKeyRef: {name: db-ca, key: ca.crt}}"),
        valid("sql with a SELECT", "host: db, database: app, user: ebb, format: sql,"
            + " query: \"SELECT count(*) AS depth FROM jobs WHERE state = 'ready';\""),
        valid("sql with a WITH", "host: db, database: app, user: ebb, format: sql,"
            + " query: \"with ready as (select * from jobs) select count(*) as depth from ready\""));
  }

  static Stream<Arguments> invalidBlocks() {
    return Stream.of(
        invalid("two backends", "{spec: {queue: {postgres: {" + BLOCK + "}}}}",
            "spec.queue: Required value: " + QueueSpec.ONE_BACKEND),
        invalid("credentials in the host", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("db.shop.svc",
                "'ebb:secret@db.shop.svc'") + "}}}}",
            "spec.queue.postgres.host: Invalid value: \"ebb:secret@db.shop.svc\": spec.queue.postgres.host in body"
                + " should match"),
        invalid("a URL for a host", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("db.shop.svc",
                "'postgres://db.shop.svc:5432/shop'") + "}}}}",
            "spec.queue.postgres.host: Invalid value: \"postgres://db.shop.svc:5432/shop\": spec.queue.postgres.host"
                + " in body should match"),
        invalid("host missing", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("host: db.shop.svc, ", "")
                + "}}}}", "spec.queue.postgres.host: Required value"),
        invalid("database missing", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("database: shop, ", "")
                + "}}}}", "spec.queue.postgres.database: Required value"),
        invalid("format missing", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace(", format: good_job", "")
                + "}}}}", "spec.queue.postgres.format: Required value"),
        invalid("no user", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("user: ebb, ", "") + "}}}}",
            "spec.queue.postgres: Required value: postgres needs exactly one of user and userFrom"),
        invalid("user and userFrom", "{spec: {queue: {redis: null, postgres: {" + BLOCK
                + ", userFrom: {secretKeyRef: {name: db, key: user}}}}}}",
            "spec.queue.postgres: Required value: postgres needs exactly one of user and userFrom"),
        invalid("queue missing for good_job", "{spec: {queue: {redis: null, postgres: {"
                + BLOCK.replace(", queue: mailer", "") + "}}}}",
            "spec.queue.postgres: Required value: queue is required by formats solid_queue, good_job, que and river"),
        invalid("unknown format", "{spec: {queue: {redis: null, postgres: {" + BLOCK.replace("good_job", "delayed_job")
                + "}}}}", "spec.queue.postgres.format: Unsupported value: \"delayed_job\": supported values:"
                + " \"good_job\", \"graphile_worker\", \"que\", \"river\", \"solid_queue\", \"sql\""),
        invalid("sql without a query", "{spec: {queue: {redis: null, postgres: {host: db, database: app, user: ebb,"
                + " format: sql}}}}",
            "spec.queue.postgres: Invalid value: \"object\": query is required by format 'sql' and applies to it only"),
        invalid("a query with another format", "{spec: {queue: {redis: null, postgres: {" + BLOCK
                + ", query: 'select 1 as depth'}}}}",
            "spec.queue.postgres: Invalid value: \"object\": query is required by format 'sql' and applies to it only"),
        invalid("a query that deletes", "{spec: {queue: {redis: null, postgres: {host: db, database: app, user: ebb,"
                + " format: sql, query: 'DELETE FROM jobs'}}}}",
            "spec.queue.postgres.query: Invalid value: \"DELETE FROM jobs\": spec.queue.postgres.query in body should"
                + " match"),
        invalid("two statements", "{spec: {queue: {redis: null, postgres: {host: db, database: app, user: ebb,"
                + " format: sql, query: 'select 1 as depth; drop table jobs'}}}}",
            "spec.queue.postgres.query: Invalid value: \"select 1 as depth; drop table jobs\":"
                + " spec.queue.postgres.query in body should match"),
        invalid("a schema that is not an identifier", "{spec: {queue: {redis: null, postgres: {" + BLOCK
                + ", schema: 'public; drop'}}}}",
            "spec.queue.postgres.schema: Invalid value: \"public; drop\": spec.queue.postgres.schema in body should"
                + " match"),
        invalid("caFrom without verify-full", "{spec: {queue: {redis: null, postgres: {" + BLOCK
                + ", caFrom: {secretKeyRef: {name: db-ca, key: ca.crt}}}}}}",
            "spec.queue.postgres: Invalid value: \"object\": caFrom applies to sslMode 'verify-full' only"),
        invalid("port 0", "{spec: {queue: {redis: null, postgres: {" + BLOCK + ", port: 0}}}}",
            "spec.queue.postgres.port: Invalid value: 0: spec.queue.postgres.port in body should be greater than or"
                + " equal to 1"));
  }

  @ParameterizedTest
  @MethodSource("validBlocks")
  void acceptsValidBlock(String block) {
    assertThat(VALIDATOR.validate(pool("{spec: {queue: {redis: null, postgres: {" + block + "}}}}")).errors())
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidBlocks")
  void rejectsInvalidBlock(String patch, String expectedError) {
    assertThat(VALIDATOR.validate(pool(patch)).errors()).as("errors for %s", patch)
        .anyMatch(error -> error.startsWith(expectedError));
  }

  @Test
  void defaultsArePort5432AndTls() {
    JsonNode pool = VALIDATOR.validate(pool("{spec: {queue: {redis: null, postgres: {" + BLOCK + "}}}}")).defaulted();

    assertThat(pool.at("/spec/queue/postgres/port").asInt()).isEqualTo(5432);
    assertThat(pool.at("/spec/queue/postgres/sslMode").asText()).isEqualTo("require");
  }

  private static Arguments valid(String name, String block) {
    return argumentSet(name, block);
  }

  private static Arguments invalid(String name, String patch, String expectedError) {
    return argumentSet(name, patch, expectedError);
  }
}
