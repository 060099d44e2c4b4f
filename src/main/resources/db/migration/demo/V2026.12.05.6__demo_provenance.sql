-- Which rows a demo generator wrote: the PostgreSQL transaction ids (64-bit, pg_current_xact_id) at the start and
-- the end of its last run. A row of one of its tables whose xmin falls outside [started_xid, finished_xid] was
-- written by something else (an import, a user, a job) and is never reset without `generate --force`.
create table demo.provenance (
    generator    text   primary key,
    started_xid  bigint not null,
    finished_xid bigint
);
