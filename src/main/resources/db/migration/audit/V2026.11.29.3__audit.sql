create schema if not exists audit;

-- Who did what to whose protected data, when, from where and why. Append-only: see the trigger below.
create table audit.audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default clock_timestamp(),
    username    text,
    roles       text,
    action      text        not null,
    entity_type text        not null,
    entity_id   text,
    member_id   text,
    purpose     text,
    ip          text,
    request_id  text,
    detail      text
);
create index audit_event_by_time on audit.audit_event (occurred_at);
create index audit_event_by_user on audit.audit_event (lower(username), occurred_at);
create index audit_event_by_member on audit.audit_event (member_id, occurred_at) where member_id is not null;
create index audit_event_by_entity on audit.audit_event (entity_type, entity_id);

create function audit.reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit records are append-only: % on audit.audit_event is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update before update or delete on audit.audit_event
    for each row execute function audit.reject_change();
create trigger audit_event_no_truncate before truncate on audit.audit_event
    for each statement execute function audit.reject_change();

-- A daily seal: count and SHA-256 over the day's rows, written once by a cluster-safe job, so later tampering
-- by someone who bypasses the trigger is detectable.
create table audit.daily_seal (
    day        date        primary key,
    row_count  bigint      not null,
    first_id   bigint,
    last_id    bigint,
    sha256     text        not null,
    sealed_at  timestamptz not null default now()
);
create trigger daily_seal_no_update before update or delete on audit.daily_seal
    for each row execute function audit.reject_change();
