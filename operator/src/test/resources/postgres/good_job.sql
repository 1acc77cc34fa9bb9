-- GoodJob's tables, written out from the schema of its demo app after every install and update migration
-- (good_job 4.19.2): https://github.com/bensheldon/good_job/blob/81db22b7cfde2579b2d735e076fa6eaacc65affa/demo/db/schema.rb
-- As Rails' PostgreSQL adapter creates them: uuid ids (gen_random_uuid(), core since PostgreSQL 13), t.datetime ->
-- timestamp(6) without time zone and precision: nil -> timestamp without time zone (Rails writes UTC). Trimmed of
-- the batch, setting and lock-id tables and of indexes the scaler's queries do not use.
CREATE TABLE good_jobs (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    active_job_id uuid,
    batch_callback_id uuid,
    batch_id uuid,
    concurrency_key text,
    created_at timestamp without time zone NOT NULL,
    cron_at timestamp without time zone,
    cron_key text,
    error text,
    error_event smallint,
    executions_count integer,
    finished_at timestamp without time zone,
    is_discrete boolean,
    job_class text,
    labels text[],
    lock_type smallint,
    locked_at timestamp(6) without time zone,
    locked_by_id uuid,
    performed_at timestamp without time zone,
    priority integer,
    queue_name text,
    retried_good_job_id uuid,
    scheduled_at timestamp without time zone,
    serialized_params jsonb,
    updated_at timestamp without time zone NOT NULL
);
CREATE INDEX index_good_jobs_jobs_on_finished_at_only ON good_jobs (finished_at) WHERE (finished_at IS NOT NULL);
CREATE INDEX index_good_jobs_on_queue_name_and_scheduled_at ON good_jobs (queue_name, scheduled_at)
    WHERE (finished_at IS NULL);
CREATE INDEX index_good_jobs_on_queue_name_priority_scheduled_at_unfinished ON good_jobs (queue_name, scheduled_at, id)
    WHERE (finished_at IS NULL);
CREATE INDEX index_good_jobs_on_locked_by_id ON good_jobs (locked_by_id) WHERE (locked_by_id IS NOT NULL);

CREATE TABLE good_job_executions (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    active_job_id uuid NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    duration interval,
    error text,
    error_backtrace text[],
    error_event smallint,
    finished_at timestamp(6) without time zone,
    job_class text,
    process_id uuid,
    queue_name text,
    scheduled_at timestamp(6) without time zone,
    serialized_params jsonb,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE INDEX index_good_job_executions_on_active_job_id_and_created_at ON good_job_executions (active_job_id, created_at);

CREATE TABLE good_job_processes (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    lock_type smallint,
    state jsonb
);
