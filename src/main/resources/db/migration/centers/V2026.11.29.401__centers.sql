create schema if not exists centers;

-- Reference data, loaded from centers/centers.csv and centers/programs.csv on start (upsert by code).
create table centers.center (
    id           serial           primary key,
    code         text             not null unique check (code ~ '^[a-z0-9-]+$'),
    name         text             not null,
    address_line text             not null,
    city         text             not null,
    zip          text             not null check (zip ~ '^[0-9]{5}$'),
    latitude     double precision not null,
    longitude    double precision not null,
    spa          int              not null,
    phone        text             not null,
    hours        text             not null,  -- e.g. "Mo-Fr 09:00-17:00; Sa 09:00-13:00" (HSDS/OSM opening hours style)
    partners     text             not null,
    rooms        text[]           not null default '{}',
    services     text[]           not null default '{}'  -- program categories offered at the center
);
create index center_earth on centers.center using gist (ll_to_earth(latitude, longitude));

create table centers.program (
    id          serial primary key,
    code        text   not null unique,
    category    text   not null check (category in ('exercise', 'nutrition', 'health-education', 'screening',
                        'support-group', 'telehealth', 'membership-help', 'social-services', 'food')),
    name_en     text   not null,
    name_es     text   not null,
    description_en text not null,
    description_es text not null
);

create table centers.class_series (
    id               bigserial primary key,
    center_id        int       not null references centers.center (id),
    program_id       int       not null references centers.program (id),
    title_en         text      not null,
    title_es         text      not null,
    language         text      not null,
    instructor       text      not null,
    room             text      not null,
    capacity         int       not null check (capacity between 1 and 1000),
    eligibility      text      not null default 'everyone' check (eligibility in ('everyone', 'members', 'adults', 'seniors', 'youth')),
    first_start      timestamp not null,  -- local time, America/Los_Angeles (RFC 5545 DTSTART with TZID)
    duration_minutes int       not null check (duration_minutes between 5 and 720),
    rrule            text      not null,
    active           boolean   not null default true
);
create index class_series_center on centers.class_series (center_id);

create table centers.class_session (
    id           bigserial   primary key,
    series_id    bigint      not null references centers.class_series (id),
    center_id    int         not null references centers.center (id),
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    capacity     int         not null check (capacity between 0 and 1000),
    room         text        not null,
    status       text        not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
    note         text,
    -- seats taken by registered + offered, kept under the session's row lock
    taken        int         not null default 0,
    waitlisted   int         not null default 0,
    edited       boolean     not null default false,  -- changed one by one: regenerating the series leaves it alone
    check (ends_at > starts_at)
);
create index class_session_starts on centers.class_session (starts_at);
create index class_session_center_starts on centers.class_session (center_id, starts_at);
create index class_session_series on centers.class_session (series_id, starts_at);

create table centers.participant (
    id               bigserial   primary key,
    kind             text        not null check (kind in ('lacare', 'bsp', 'community')),
    member_id        text,
    first_name       text        not null,
    last_name        text        not null,
    phone            text,
    email            text,
    zip              text,
    language         text        not null default 'en',
    consent_contact  boolean     not null default false,
    accessibility    text,
    created_at       timestamptz not null default now()
);
create index participant_member on centers.participant (member_id) where member_id is not null;
create index participant_name on centers.participant (lower(last_name), lower(first_name));

create sequence centers.arrival_seq;

create table centers.registration (
    id                bigserial   primary key,
    session_id        bigint      not null references centers.class_session (id),
    participant_id    bigint      not null references centers.participant (id),
    status            text        not null check (status in ('registered', 'waitlisted', 'offered', 'cancelled', 'attended', 'no-show')),
    arrival           bigint      not null default nextval('centers.arrival_seq'),
    confirmation_code text        not null unique,
    channel           text        not null check (channel in ('public', 'staff', 'kiosk', 'engagement', 'demo')),
    offered_until     timestamptz,
    cancel_reason     text,
    checked_in_at     timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index registration_session on centers.registration (session_id, status, arrival);
create index registration_participant on centers.registration (participant_id);
create index registration_offered on centers.registration (offered_until) where status = 'offered';
create unique index registration_once on centers.registration (session_id, participant_id)
    where status in ('registered', 'waitlisted', 'offered', 'attended');

create table centers.registration_history (
    id              bigserial   primary key,
    registration_id bigint      not null references centers.registration (id),
    from_status     text,
    to_status       text        not null,
    actor           text        not null,
    at              timestamptz not null default now()
);
create index registration_history_reg on centers.registration_history (registration_id);

-- Notification outbox: written in the same transaction as the change; a job hands rows to the adapter.
create table centers.notification (
    id          bigserial   primary key,
    channel     text        not null check (channel in ('email', 'sms')),
    recipient   text        not null,
    template    text        not null,
    locale      text        not null,
    subject     text        not null,
    body        text        not null,
    status      text        not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    adapter     text,
    attempts    int         not null default 0,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index notification_pending on centers.notification (id) where status = 'pending';

-- What the default (log) adapter delivered: nothing is lost when no provider is configured.
create table centers.notification_log (
    id              bigserial   primary key,
    notification_id bigint      not null references centers.notification (id),
    channel         text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    logged_at       timestamptz not null default now()
);

create table centers.visit (
    id             bigserial   primary key,
    center_id      int         not null references centers.center (id),
    visited_at     timestamptz not null,
    service        text        not null check (service in ('class', 'enrolment', 'renewal', 'id-card', 'pcp-change',
                        'member-services', 'telehealth-room', 'wifi', 'social-services-referral', 'food-pantry', 'screening')),
    participant_id bigint      references centers.participant (id),
    member_id      text,
    plan           text        not null check (plan in ('lacare', 'bsp', 'community')),
    language       text        not null,
    spa            int,
    registration_id bigint,
    staff          text        not null,
    note           text
);
create index visit_center_time on centers.visit (center_id, visited_at);
create index visit_time on centers.visit (visited_at);

create table centers.screening (
    id             bigserial     primary key,
    center_id      int           not null references centers.center (id),
    participant_id bigint        references centers.participant (id),
    member_id      text,
    measured_at    timestamptz   not null,
    systolic       int           check (systolic between 50 and 300),
    diastolic      int           check (diastolic between 20 and 200),
    glucose_mg_dl  int           check (glucose_mg_dl between 10 and 1000),
    fasting        boolean,
    height_cm      numeric(5, 1) check (height_cm between 40 and 250),
    weight_kg      numeric(5, 1) check (weight_kg between 2 and 400),
    bmi            numeric(4, 1),
    flags          text[]        not null default '{}',
    referral       text,
    staff          text          not null
);
create index screening_center_time on centers.screening (center_id, measured_at);
