-- The shared job queue (casebook.store.kind=shared): one row per job, holding everything a JobRecord
-- holds, plus the lease of the replica running it. Times are the database's (now()), never a JVM's,
-- so replicas whose clocks disagree still agree on who holds a lease.
CREATE TABLE jobs (
    id               text        PRIMARY KEY,
    owner            text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    format           text,
    query            jsonb       NOT NULL,
    dump_bytes       bigint      NOT NULL DEFAULT 0,
    compressed       boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    error_title      text,
    error_detail     text,
    attempts         integer     NOT NULL DEFAULT 0,
    -- The replica running the job and until when it may; a lapsed lease lets another replica take over.
    lease_owner      text,
    lease_until      timestamptz,
    -- What the running job is doing, carried by the heartbeat so that any replica can show it.
    progress_phase   text,
    progress_percent integer,
    -- Set by whichever replica was asked; the one running the job learns of it at its next heartbeat.
    cancel_requested boolean     NOT NULL DEFAULT false,
    -- Where the job's objects live in object storage (null until written, and after deletion).
    dump_key         text,
    result_key       text,
    dominators_key   text
);

-- Claiming: the oldest queued job, or a running one whose lease lapsed.
CREATE INDEX jobs_claim ON jobs (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_state_created ON jobs (state, created_at);
-- Listing one owner's jobs, newest first, and counting their active ones.
CREATE INDEX jobs_owner_created ON jobs (owner, created_at DESC);
-- The retention purge: finished jobs by when they finished.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
