-- Member voice: advisory committees (RCACs, ECAC) and the Health Promoters program. See docs/engagement.md.
create schema if not exists engagement;

-- A committee and its composition rules, as data (another plan may have other numbers).
create table engagement.committee (
    id                   bigserial primary key,
    code                 text not null unique,           -- RCAC-1 … RCAC-11, ECAC
    kind                 text not null check (kind in ('RCAC', 'ECAC')),
    region_number        int,                            -- geography's RCAC region; null for the ECAC
    name                 text not null,
    max_members          int not null default 35,
    consumer_majority    boolean not null default true,  -- a majority of consumers and consumer advocates
    at_large_seats       int not null default 0,         -- ECAC: two at-large members
    chairs_of_regionals  boolean not null default false, -- ECAC: the chairs of every RCAC sit on it
    quorum_percent       int not null default 50,        -- quorum = more than this share of seated members
    stipend_amount       numeric(10, 2) not null default 50.00,
    mileage_rate         numeric(6, 3) not null default 0.700,
    board_response_days  int not null default 90,        -- after being placed on the Board agenda
    meeting_place        text,
    check ((kind = 'RCAC') = (region_number is not null))
);

-- A person's seat on a committee. person_id links the same person across committees (an RCAC chair on the ECAC).
create table engagement.membership (
    id                    bigserial primary key,
    committee_id          bigint not null references engagement.committee (id),
    person_id             uuid not null,
    full_name             text not null,
    member_id             text,                 -- the plan member id, where the person is a member
    seat                  text not null check (seat in ('CHAIR', 'VICE_CHAIR', 'MEMBER', 'AT_LARGE')),
    represents_committee  text,                 -- ECAC: the RCAC whose chair this is
    consumer              boolean not null default false,
    advocate              boolean not null default false,
    provider              boolean not null default false,
    product_line          text,
    languages             text[] not null default '{}',
    race_ethnicity        text,                 -- self-reported, optional
    age_band              text,
    sex                   text,
    zip                   text,
    term_start            date not null,
    term_end              date,
    interpreter_language  text,
    asl                   boolean not null default false,
    captioning            boolean not null default false,
    status                text not null default 'ACTIVE' check (status in ('ACTIVE', 'RESIGNED', 'REMOVED', 'TERM_ENDED'))
);
create index membership_committee on engagement.membership (committee_id);
create index membership_person on engagement.membership (person_id);

create table engagement.meeting (
    id                        bigserial primary key,
    committee_id              bigint not null references engagement.committee (id),
    starts_at                 timestamptz not null,
    place                     text,
    virtual_link              text,
    agenda                    text,
    agenda_posted_on          date,
    interpretation_languages  text[] not null default '{}',
    public_comments           text,
    minutes                   text,
    minutes_approved_on       date,
    minutes_posted_on         date,
    status                    text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'HELD', 'CANCELLED'))
);
create index meeting_committee on engagement.meeting (committee_id, starts_at);

create table engagement.meeting_document (
    id          bigserial primary key,
    meeting_id  bigint not null references engagement.meeting (id),
    title       text not null,
    url         text not null
);

create table engagement.attendance (
    meeting_id     bigint not null references engagement.meeting (id),
    membership_id  bigint not null references engagement.membership (id),
    mode           text not null check (mode in ('IN_PERSON', 'REMOTE', 'EXCUSED', 'ABSENT')),
    miles          numeric(7, 1) not null default 0,
    primary key (meeting_id, membership_id)
);

-- One payment line per attended meeting: stipend plus mileage.
create table engagement.stipend (
    id              bigserial primary key,
    meeting_id      bigint not null references engagement.meeting (id),
    membership_id   bigint not null references engagement.membership (id),
    stipend_amount  numeric(10, 2) not null,
    miles           numeric(7, 1) not null,
    mileage_amount  numeric(10, 2) not null,
    status          text not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'PAID', 'VOID')),
    status_on       date,
    unique (meeting_id, membership_id)
);

create table engagement.motion (
    id                   bigserial primary key,
    committee_id         bigint not null references engagement.committee (id),
    meeting_id           bigint references engagement.meeting (id),
    title                text not null,
    body                 text not null,
    topic                text not null,
    mover_membership_id  bigint references engagement.membership (id),
    votes_yes            int,
    votes_no             int,
    votes_abstain        int,
    stage                text not null,
    board_response       text,
    created_on           date not null
);
create index motion_stage on engagement.motion (stage);

create table engagement.motion_step (
    id         bigserial primary key,
    motion_id  bigint not null references engagement.motion (id),
    stage      text not null,
    taken_on   date not null,
    taken_by   text not null,
    note       text
);
create index motion_step_motion on engagement.motion_step (motion_id);

-- What the region's plan membership looks like, to set a committee's demographics beside it. Fed by a reporting
-- extract (demo: drawn from the demo population).
create table engagement.region_profile (
    region_number  int not null,
    dimension      text not null,  -- race_ethnicity, age_band, sex, language
    category       text not null,
    share          numeric(6, 4) not null,
    primary key (region_number, dimension, category)
);

-- Health Promoters
create table engagement.promoter (
    id              bigserial primary key,
    member_id       text,
    full_name       text not null,
    languages       text[] not null default '{}',
    spa             int not null,
    supervisor      text not null,
    status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'ON_LEAVE', 'INACTIVE')),
    start_date      date not null,
    pathway         text check (pathway in ('CERTIFICATE', 'WORK_EXPERIENCE')),
    certified_on    date,
    username        text unique   -- the login of a promoter who signs in (as ENGAGEMENT_STAFF)
);

create table engagement.course (
    id                bigserial primary key,
    code              text not null unique,
    title             text not null,
    topic             text not null,
    hours             numeric(5, 1) not null,
    certificate       boolean not null default false,  -- completing it grants the CHW certificate
    continuing_ed     boolean not null default false
);

create table engagement.course_completion (
    promoter_id   bigint not null references engagement.promoter (id),
    course_id     bigint not null references engagement.course (id),
    completed_on  date not null,
    primary key (promoter_id, course_id, completed_on)
);

create table engagement.work_hours (
    promoter_id  bigint not null references engagement.promoter (id),
    month        date not null,
    hours        numeric(6, 1) not null,
    primary key (promoter_id, month)
);

create table engagement.outreach_event (
    id                bigserial primary key,
    promoter_id       bigint not null references engagement.promoter (id),
    event_type        text not null check (event_type in ('WORKSHOP', 'HEALTH_FAIR', 'DOOR_TO_DOOR', 'CENTER_CLASS', 'PHONE_BANK')),
    held_on           date not null,
    place_name        text,
    street            text,
    city              text,
    zip               text,
    latitude          double precision,
    longitude         double precision,
    spa               int,
    language          text not null,
    topics            text[] not null,
    partners          text,
    attendees_members     int not null default 0,
    attendees_nonmembers  int not null default 0,
    age_0_17          int not null default 0,
    age_18_64         int not null default 0,
    age_65_plus       int not null default 0,
    materials         text,
    materials_count   int not null default 0,
    recorded_by       text not null,
    recorded_at       timestamptz not null default now()
);
create index outreach_event_held on engagement.outreach_event (held_on);
create index outreach_event_promoter on engagement.outreach_event (promoter_id);

create table engagement.contact (
    id           bigserial primary key,
    promoter_id  bigint not null references engagement.promoter (id),
    event_id     bigint references engagement.outreach_event (id),
    contacted_on date not null,
    member_id    text,
    person_name  text,
    phone        text,
    tally        int not null default 1  -- a tally of anonymous contacts, or 1 for a named person
);
create index contact_promoter on engagement.contact (promoter_id);

create table engagement.referral (
    id           bigserial primary key,
    contact_id   bigint not null references engagement.contact (id),
    kind         text not null check (kind in ('CENTER_CLASS', 'ENROLLMENT_HELP', 'PROVIDER')),
    target       text not null,   -- center class reference, enrolment help reason, or provider NPI / name
    referred_on  date not null,
    outcome      text not null default 'SENT' check (outcome in ('SENT', 'ACCEPTED', 'COMPLETED', 'UNABLE_TO_REACH')),
    outcome_on   date,
    external_ref text             -- e.g. the centers module's registration id, once it answers
);
create index referral_contact on engagement.referral (contact_id);
