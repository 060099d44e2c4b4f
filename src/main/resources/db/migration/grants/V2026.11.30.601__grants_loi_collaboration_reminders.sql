-- A funding cycle may require a letter of intent, with its own deadline, before a full application.
alter table grants.funding_cycle
    add column loi_required  boolean not null default false,
    add column loi_closes_at timestamptz,
    add constraint funding_cycle_loi_deadline check (not loi_required or (loi_closes_at is not null and loi_closes_at <= closes_at));

-- A short letter of intent; staff invite the organization to apply in full or decline (with the reason).
create table grants.letter_of_intent (
    id               bigserial primary key,
    cycle_id         bigint not null references grants.funding_cycle (id),
    organization_id  bigint not null references grants.organization (id),
    title            text   not null,
    summary          text   not null,
    requested_amount numeric(14, 2) not null check (requested_amount > 0),
    status           text   not null default 'SUBMITTED' check (status in ('SUBMITTED', 'INVITED', 'DECLINED')),
    decision_reason  text,
    decided_by       text,
    decided_at       timestamptz,
    submitted_by     text   not null,
    submitted_at     timestamptz not null default now(),
    unique (cycle_id, organization_id)
);

-- Who edited which parts of an application, and when (collaborators of the same organization).
alter table grants.application add column version int not null default 0;
create table grants.application_edit (
    id             bigserial primary key,
    application_id bigint not null references grants.application (id) on delete cascade,
    editor         text   not null,
    parts          text[] not null,
    edited_at      timestamptz not null default now()
);
create index on grants.application_edit (application_id, edited_at);

-- The people of an organization who hear from CHIF (reminders); each grantee login added by a colleague is one.
create table grants.organization_contact (
    organization_id bigint not null references grants.organization (id),
    username        text   not null,
    display_name    text   not null,
    email           text   not null,
    added_by        text   not null,
    added_at        timestamptz not null default now(),
    primary key (organization_id, username)
);

-- Reminders already queued: one per requirement, threshold and due date (an extension starts a new series).
create table grants.report_reminder (
    requirement_id bigint not null references grants.report_requirement (id),
    threshold      text   not null,
    due_on         date   not null,
    queued_at      timestamptz not null default now(),
    primary key (requirement_id, threshold, due_on)
);

-- Notification outbox: written in the same transaction as the reminder; a job hands rows to the adapter.
create table grants.notification (
    id         bigserial primary key,
    recipient  text not null,
    template   text not null,
    subject    text not null,
    body       text not null,
    status     text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    adapter    text,
    attempts   int  not null default 0,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);
create index notification_pending on grants.notification (id) where status = 'pending';

-- What the log adapter delivered (the default when no mail provider is configured).
create table grants.notification_log (
    id              bigserial primary key,
    notification_id bigint not null references grants.notification (id),
    recipient       text not null,
    subject         text not null,
    body            text not null,
    logged_at       timestamptz not null default now()
);

-- A grantee asks for more time on a report; staff approve (the due date moves) or deny.
create table grants.extension_request (
    id             bigserial primary key,
    requirement_id bigint not null references grants.report_requirement (id),
    requested_to   date   not null,
    reason         text   not null,
    status         text   not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'DENIED')),
    requested_by   text   not null,
    requested_at   timestamptz not null default now(),
    decided_by     text,
    decided_at     timestamptz,
    decision_note  text
);
create index on grants.extension_request (requirement_id);

-- Every move of a report's due date: from what, to what, why, by whom.
create table grants.report_due_change (
    id             bigserial primary key,
    requirement_id bigint not null references grants.report_requirement (id),
    old_due        date   not null,
    new_due        date   not null,
    reason         text   not null,
    changed_by     text   not null,
    changed_at     timestamptz not null default now()
);
create index on grants.report_due_change (requirement_id);
