package dev.ebb.api.v1alpha1;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.api.schema.CrdSchemaValidator;
import dev.ebb.api.schema.MergePatch;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The WorkerPools that {@code kubectl apply} must reject or accept, each the minimal pool with one change, and the
 * error the API server answers. {@link WorkerPoolSchemaTest} checks them against the generated CRD in-process; the
 * end-to-end suite ({@code e2e/}) sends the same table to a real API server.
 */
public final class WorkerPoolCases {

  private WorkerPoolCases() {
  }

  private static final String MINIMAL = """
      apiVersion: ebb.dev/v1alpha1
      kind: WorkerPool
      metadata: {name: mailer, namespace: shop}
      spec:
        replicas: {max: 20}
        queue:
          redis: {address: "redis://redis.shop.svc:6379/0", queue: mailer}
        template:
          spec:
            containers:
              - {name: worker, image: "ghcr.io/ebb-dev/ebb-worker:0.1.0"}
      """;

  private static final String DURATION = "'" + DurationFormat.PATTERN + "'";
  private static final String ADDRESS = "'^rediss?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[0-9]{1,2})?$'";

  public static Stream<Arguments> invalidPools() {
    return Stream.of(
        invalid("min greater than max", "{spec: {replicas: {min: 5, max: 3}}}",
            "spec.replicas: Invalid value: \"object\": replicas.min must not exceed replicas.max"),
        invalid("max missing", "{spec: {replicas: {max: null, min: 2}}}",
            "spec.replicas.max: Required value"),
        invalid("max 0", "{spec: {replicas: {max: 0}}}",
            "spec.replicas.max: Invalid value: 0: spec.replicas.max in body should be greater than or equal to 1"),
        invalid("max above 10000", "{spec: {replicas: {max: 10001}}}",
            "spec.replicas.max: Invalid value: 10001: spec.replicas.max in body should be less than or equal to 10000"),
        invalid("negative min", "{spec: {replicas: {min: -1}}}",
            "spec.replicas.min: Invalid value: -1: spec.replicas.min in body should be greater than or equal to 0"),
        invalid("max as a string", "{spec: {replicas: {max: '20'}}}",
            "spec.replicas.max: Invalid value: \"string\": spec.replicas.max in body must be of type integer:"
                + " \"string\""),
        invalid("replicas missing", "{spec: {replicas: null}}", "spec.replicas: Required value"),
        invalid("no queue backend", "{spec: {queue: {redis: null}}}",
            "spec.queue: Required value: queue needs exactly one backend (redis, postgres)"),
        invalid("queue missing", "{spec: {queue: null}}", "spec.queue: Required value"),
        invalid("http address", "{spec: {queue: {redis: {address: 'http://redis.shop.svc:6379'}}}}",
            "spec.queue.redis.address: Invalid value: \"http://redis.shop.svc:6379\": spec.queue.redis.address in body"
                + " should match " + ADDRESS),
        invalid("credentials in the address", "{spec: {queue: {redis: {address: 'redis://user:pw@host'}}}}",
            "spec.queue.redis.address: Invalid value: \"redis://user:pw@host\": spec.queue.redis.address in body"
                + " should match " + ADDRESS),
        invalid("address missing", "{spec: {queue: {redis: {address: null}}}}",
            "spec.queue.redis.address: Required value"),
        invalid("empty queue name", "{spec: {queue: {redis: {queue: ''}}}}",
            "spec.queue.redis.queue: Invalid value: \"\": spec.queue.redis.queue in body should be at least 1 chars"
                + " long"),
        invalid("queue name over 200 characters", "{spec: {queue: {redis: {queue: '" + "q".repeat(201) + "'}}}}",
            "spec.queue.redis.queue: Too long: may not be longer than 200"),
        invalid("queue name starting with a dot", "{spec: {queue: {redis: {queue: '.mailer'}}}}",
            "spec.queue.redis.queue: Invalid value: \".mailer\": spec.queue.redis.queue in body should match"
                + " '^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$'"),
        invalid("unknown format", "{spec: {queue: {redis: {format: resque}}}}",
            "spec.queue.redis.format: Unsupported value: \"resque\": supported values: \"bullmq\", \"celery\","
                + " \"ebb\", \"laravel\", \"list\", \"rq\", \"sidekiq\""),
        // formats sidekiq and rq
        invalid("sidekiqNamespace with format rq", "{spec: {queue: {redis: {format: rq, sidekiqNamespace: shop}}}}",
            "spec.queue.redis: Invalid value: \"object\": sidekiqNamespace applies to format 'sidekiq' only"),
        invalid("sidekiqNamespace with the default format", "{spec: {queue: {redis: {sidekiqNamespace: shop}}}}",
            "spec.queue.redis: Invalid value: \"object\": sidekiqNamespace applies to format 'sidekiq' only"),
        invalid("enqueuedAtField with format sidekiq",
            "{spec: {queue: {redis: {format: sidekiq, enqueuedAtField: enqueued_at}}}}",
            "spec.queue.redis: Invalid value: \"object\": enqueuedAtField applies to format 'list' only"),
        invalid("sidekiqNamespace with a space", "{spec: {queue: {redis: {format: sidekiq, sidekiqNamespace: 'a b'}}}}",
            "spec.queue.redis.sidekiqNamespace: Invalid value: \"a b\": spec.queue.redis.sidekiqNamespace in body"
                + " should match '^[A-Za-z0-9_.:\\-]+$'"),
        // formats celery, bullmq, laravel: their options apply to their own format only, and are checked
        invalid("celery options with format ebb", "{spec: {queue: {redis: {celery: {prioritySteps: [0]}}}}}",
            "spec.queue.redis: Invalid value: \"object\": celery applies to format 'celery' only"),
        invalid("bullmq options with format laravel",
            "{spec: {queue: {redis: {format: laravel, bullmq: {prefix: bull}}}}}",
            "spec.queue.redis: Invalid value: \"object\": bullmq applies to format 'bullmq' only"),
        invalid("laravel options with format celery",
            "{spec: {queue: {redis: {format: celery, laravel: {prefix: ''}}}}}",
            "spec.queue.redis: Invalid value: \"object\": laravel applies to format 'laravel' only"),
        invalid("celery priority step 256",
            "{spec: {queue: {redis: {format: celery, celery: {prioritySteps: [0, 256]}}}}}",
            "spec.queue.redis.celery.prioritySteps: Invalid value: \"array\": celery.prioritySteps must name 1 to 10"
                + " steps within [0, 255]"),
        invalid("celery without priority steps",
            "{spec: {queue: {redis: {format: celery, celery: {prioritySteps: []}}}}}",
            "spec.queue.redis.celery.prioritySteps: Invalid value: \"array\": celery.prioritySteps must name 1 to 10"
                + " steps within [0, 255]"),
        invalid("empty bullmq prefix", "{spec: {queue: {redis: {format: bullmq, bullmq: {prefix: ''}}}}}",
            "spec.queue.redis.bullmq.prefix: Invalid value: \"\": spec.queue.redis.bullmq.prefix in body should be"
                + " at least 1 chars long"),
        invalid("laravel prefix with a space",
            "{spec: {queue: {redis: {format: laravel, laravel: {prefix: 'my app'}}}}}",
            "spec.queue.redis.laravel.prefix: Invalid value: \"my app\": spec.queue.redis.laravel.prefix in body"
                + " should match '^[A-Za-z0-9_.:{}\\-]*$'"),
        invalid("enqueuedAtField with format ebb", "{spec: {queue: {redis: {format: ebb, enqueuedAtField: ts}}}}",
            "spec.queue.redis: Invalid value: \"object\": enqueuedAtField applies to format 'list' only"),
        invalid("enqueuedAtField with the default format", "{spec: {queue: {redis: {enqueuedAtField: ts}}}}",
            "spec.queue.redis: Invalid value: \"object\": enqueuedAtField applies to format 'list' only"),
        invalid("passwordFrom without key",
            "{spec: {queue: {redis: {passwordFrom: {secretKeyRef: {name: redis}}}}}}",
            "spec.queue.redis.passwordFrom.secretKeyRef.key: Required value"),
        invalid("passwordFrom without secretKeyRef", "{spec: {queue: {redis: {passwordFrom: {}}}}}",
            "spec.queue.redis.passwordFrom.secretKeyRef: Required value"),
        invalid("fallback above max", "{spec: {replicas: {max: 5}, scaling: {fallback: {replicas: 6}}}}",
            "spec: Invalid value: \"object\": scaling.fallback.replicas must lie within [replicas.min, replicas.max]"),
        invalid("fallback below min", "{spec: {replicas: {min: 2}, scaling: {fallback: {replicas: 1}}}}",
            "spec: Invalid value: \"object\": scaling.fallback.replicas must lie within [replicas.min, replicas.max]"),
        invalid("fallback below the defaulted min", "{spec: {scaling: {fallback: {replicas: 0}}}}",
            "spec: Invalid value: \"object\": scaling.fallback.replicas must lie within [replicas.min, replicas.max]"),
        invalid("fallback afterFailures 0", "{spec: {scaling: {fallback: {afterFailures: 0}}}}",
            "spec.scaling.fallback.afterFailures: Invalid value: 0: spec.scaling.fallback.afterFailures in body"
                + " should be greater than or equal to 1"),
        invalid("shutdownGracePeriod 0s", "{spec: {workers: {shutdownGracePeriod: 0s}}}",
            "spec.workers: Invalid value: \"object\": workers.shutdownGracePeriod must be longer than zero"),
        invalid("duration in words", "{spec: {workers: {shutdownGracePeriod: 5 minutes}}}",
            "spec.workers.shutdownGracePeriod: Invalid value: \"5 minutes\": spec.workers.shutdownGracePeriod in body"
                + " should match " + DURATION),
        invalid("duration in days", "{spec: {scaling: {scaleToZeroAfter: 1d}}}",
            "spec.scaling.scaleToZeroAfter: Invalid value: \"1d\": spec.scaling.scaleToZeroAfter in body should match "
                + DURATION),
        invalid("duration without unit", "{spec: {scaling: {scaleDown: {stabilizationWindow: '300'}}}}",
            "spec.scaling.scaleDown.stabilizationWindow: Invalid value: \"300\":"
                + " spec.scaling.scaleDown.stabilizationWindow in body should match " + DURATION),
        invalid("targetUtilization 1.5", "{spec: {scaling: {targetUtilization: 1.5}}}",
            "spec.scaling.targetUtilization: Invalid value: 1.5: spec.scaling.targetUtilization in body should be"
                + " less than or equal to 1"),
        invalid("targetUtilization 0", "{spec: {scaling: {targetUtilization: 0}}}",
            "spec.scaling.targetUtilization: Invalid value: \"number\": scaling.targetUtilization must be at least"
                + " 0.05"),
        invalid("targetUtilization 0.01", "{spec: {scaling: {targetUtilization: 0.01}}}",
            "spec.scaling.targetUtilization: Invalid value: 0.01: spec.scaling.targetUtilization in body should be"
                + " greater than or equal to 0.05"),
        invalid("pollingInterval 500ms", "{spec: {scaling: {pollingInterval: 500ms}}}",
            "spec.scaling: Invalid value: \"object\": scaling.pollingInterval must be at least 1s"),
        invalid("maxQueueLatency 0s", "{spec: {scaling: {maxQueueLatency: 0s}}}",
            "spec.scaling: Invalid value: \"object\": scaling.maxQueueLatency must be longer than zero"),
        invalid("jobsPerReplica 0", "{spec: {scaling: {jobsPerReplica: 0}}}",
            "spec.scaling.jobsPerReplica: Invalid value: 0: spec.scaling.jobsPerReplica in body should be greater"
                + " than or equal to 1"),
        invalid("paused as a string", "{spec: {scaling: {paused: 'yes'}}}",
            "spec.scaling.paused: Invalid value: \"string\": spec.scaling.paused in body must be of type boolean:"
                + " \"string\""),
        invalid("template missing", "{spec: {template: null}}", "spec.template: Required value"),
        invalid("concurrency 0", "{spec: {workers: {concurrency: 0}}}",
            "spec.workers.concurrency: Invalid value: 0: spec.workers.concurrency in body should be greater than or"
                + " equal to 1"),
        invalid("budgetCost 0", "{spec: {workers: {budgetCost: 0}}}",
            "spec.workers.budgetCost: Invalid value: 0: spec.workers.budgetCost in body should be greater than or"
                + " equal to 1"),
        invalid("staleAfter 5s", "{spec: {workers: {heartbeat: {staleAfter: 5s}}}}",
            "spec.workers.heartbeat: Invalid value: \"object\": workers.heartbeat.staleAfter must be at least 10s"),
        invalid("perMinute above 60", "{spec: {workers: {restartLimit: {perMinute: 61}}}}",
            "spec.workers.restartLimit.perMinute: Invalid value: 61: spec.workers.restartLimit.perMinute in body"
                + " should be less than or equal to 60"),
        invalid("maxStaleFraction 2", "{spec: {workers: {restartLimit: {maxStaleFraction: 2}}}}",
            "spec.workers.restartLimit.maxStaleFraction: Invalid value: 2: spec.workers.restartLimit.maxStaleFraction"
                + " in body should be less than or equal to 1"),
        invalid("rollout maxSurge as a boolean", "{spec: {rollout: {maxSurge: true}}}",
            "spec.rollout.maxSurge: Invalid value: \"boolean\": spec.rollout.maxSurge in body must be of type"
                + " integer,string: \"boolean\""),
        invalid("unknown spec field", "{spec: {foo: 1}}", "unknown field \"spec.foo\""),
        invalid("misspelled field", "{spec: {replicas: {maximum: 3}}}", "unknown field \"spec.replicas.maximum\""),
        invalid("unknown field in the template", "{spec: {template: {spec: {containerz: []}}}}",
            "unknown field \"spec.template.spec.containerz\""));
  }

  public static Stream<Arguments> validPools() {
    return Stream.of(
        valid("minimal pool", "{}"),
        valid("min 0 (scale to zero)", "{spec: {replicas: {min: 0}, scaling: {scaleToZeroAfter: 10m}}}"),
        valid("min equal to max", "{spec: {replicas: {min: 20, max: 20}}}"),
        valid("fallback equal to max", "{spec: {replicas: {max: 5}, scaling: {fallback: {replicas: 5}}}}"),
        valid("fallback equal to min", "{spec: {replicas: {min: 2, max: 5}, scaling: {fallback: {replicas: 2}}}}"),
        valid("fallback 0 with min 0", "{spec: {replicas: {min: 0}, scaling: {fallback: {replicas: 0}}}}"),
        valid("format list with enqueuedAtField", "{spec: {queue: {redis: {format: list, enqueuedAtField: ts}}}}"),
        valid("format sidekiq", "{spec: {queue: {redis: {format: sidekiq, queue: default}}}}"),
        valid("format sidekiq with a namespace", "{spec: {queue: {redis: {format: sidekiq, sidekiqNamespace: shop}}}}"),
        valid("format rq", "{spec: {queue: {redis: {format: rq, queue: high}}}}"),
        valid("format celery with defaults", "{spec: {queue: {redis: {format: celery, queue: celery}}}}"),
        valid("format celery with ten priority steps and a key prefix",
            "{spec: {queue: {redis: {format: celery, celery: {prioritySteps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],"
                + " globalKeyPrefix: 'shop:'}}}}}"),
        valid("format bullmq with a hash-tag prefix",
            "{spec: {queue: {redis: {format: bullmq, bullmq: {prefix: '{bull}'}}}}}"),
        valid("format laravel without a prefix", "{spec: {queue: {redis: {format: laravel, laravel: {prefix: ''}}}}}"),
        valid("format laravel with defaults", "{spec: {queue: {redis: {format: laravel, queue: default}}}}"),
        valid("rediss with port and database", "{spec: {queue: {redis: {address: 'rediss://10.0.0.7:6380/15'}}}}"),
        valid("pollingInterval exactly 1s", "{spec: {scaling: {pollingInterval: 1s}}}"),
        valid("staleAfter exactly 10s", "{spec: {workers: {heartbeat: {staleAfter: 10s}}}}"),
        valid("compound and fractional durations",
            "{spec: {scaling: {maxQueueLatency: 1h30m, pollingInterval: 1.5s, scaleUp: {stabilizationWindow: 0s}},"
                + " workers: {shutdownGracePeriod: 350ms}}}"),
        valid("targetUtilization 1 written as an integer", "{spec: {scaling: {targetUtilization: 1}}}"),
        valid("rollout as count and percentage", "{spec: {rollout: {maxSurge: 1, maxUnavailable: '50%'}}}"),
        valid("nulls are dropped, then defaulted", "{spec: {replicas: {min: null}}}"));
  }

  /** Bad input the first CRD let through, closed by CEL rules and a bounded duration pattern. */
  public static Stream<Arguments> knownGaps() {
    return Stream.of(
        // RolloutSpec's @Pattern on IntOrString fields is dropped by crd-generator 7.5.2: no pattern in the CRD.
        invalid("maxSurge not a count or percentage", "{spec: {rollout: {maxSurge: lots}}}",
            "spec.rollout: Invalid value: \"object\": "),
        invalid("negative maxUnavailable", "{spec: {rollout: {maxUnavailable: -3}}}",
            "spec.rollout: Invalid value: \"object\": "),
        // PodTemplateSpec declares nothing required: a pool without containers passes, its Deployment fails later.
        invalid("template without containers", "{spec: {template: {spec: null}}}",
            "spec: Required value: template.spec.containers must name at least one container"),
        invalid("both rollout values zero", "{spec: {rollout: {maxSurge: 0, maxUnavailable: '0%'}}}",
            "spec.rollout: Invalid value: \"object\": rollout.maxUnavailable and rollout.maxSurge cannot both be zero"),
        invalid("a duration that overflows", "{spec: {scaling: {scaleToZeroAfter: 99999999999h}}}",
            "spec.scaling.scaleToZeroAfter: "));
  }
  /** The minimal pool with {@code patch} merged in (RFC 7386: null removes). */
  public static JsonNode pool(String patch) {
    return MergePatch.apply(CrdSchemaValidator.readYaml(MINIMAL), CrdSchemaValidator.readYaml(patch));
  }

  private static Arguments invalid(String name, String patch, String expectedError) {
    return argumentSet(name, patch, expectedError);
  }

  private static Arguments valid(String name, String patch) {
    return argumentSet(name, patch);
  }
}
