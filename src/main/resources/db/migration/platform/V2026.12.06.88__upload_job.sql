-- Upload jobs (platform.UploadJobs, #19): the roster and HMIS uploads whose import runs after the page answered. A
-- row per job, so a restart loses none. The instance running a job renews heartbeat_at every 30 s; a queued or
-- running job whose heartbeat is older than two minutes lost its instance (a restart, a crash) and is marked failed
-- (interrupted), its stored files deleted; the uploader reads that and uploads again. The result is the import's
-- report as JSON (counts and problems), read back as result_type. Only the owner (the uploader's user name) is
-- shown a job.
create table platform.upload_job (
    id          uuid        primary key,
    name        text        not null check (length(name) between 1 and 300),
    owner       text        not null check (length(owner) between 1 and 200),
    state       text        not null check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    interrupted boolean     not null default false,
    instance    text        not null,
    files       text[]      not null default '{}',
    result_type text,
    result      jsonb,
    problem     text,
    started_at  timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    ended_at    timestamptz,
    check ((result is null) = (result_type is null))
);
create index upload_job_open on platform.upload_job (state) where state in ('QUEUED', 'RUNNING');
create index upload_job_started on platform.upload_job (started_at);
