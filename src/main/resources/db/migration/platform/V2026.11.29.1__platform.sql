-- Extensions used across modules: distance search (cube + earthdistance), fuzzy text (pg_trgm, unaccent).
create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create schema if not exists platform;

-- ShedLock: one row per scheduled job name, so a job runs on one instance of the cluster at a time.
create table platform.shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

create table platform.job_run (
    id          bigint generated always as identity primary key,
    job_name    text        not null,
    instance    text        not null,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    outcome     text,
    error       text
);
create index job_run_by_job on platform.job_run (job_name, started_at desc);

-- Spring Session JDBC: HTTP sessions live in the database, so any instance serves any user.
create table public.spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on public.spring_session (session_id);
create index spring_session_ix2 on public.spring_session (expiry_time);
create index spring_session_ix3 on public.spring_session (principal_name);

create table public.spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references public.spring_session (primary_id) on delete cascade
);
