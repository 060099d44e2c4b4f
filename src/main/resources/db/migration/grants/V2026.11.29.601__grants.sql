create schema if not exists grants;

-- A program of the Community Health Investment Fund, with its strategy, funding source and envelope.
create table grants.program (
    id             bigserial primary key,
    code           text    not null unique,
    name           text    not null,
    name_es        text    not null,
    strategy       text    not null,
    funding_source text    not null,
    envelope       numeric(14, 2) not null check (envelope >= 0),
    since_year     int     not null
);

-- A funding cycle (round) of a program: dates, envelope, award floor and ceiling, eligibility and rubric.
create table grants.funding_cycle (
    id              bigserial primary key,
    program_id      bigint  not null references grants.program (id),
    code            text    not null unique,
    title           text    not null,
    title_es        text    not null,
    summary         text    not null,
    summary_es      text    not null,
    opens_on        date    not null,
    closes_at       timestamptz not null,
    envelope        numeric(14, 2) not null check (envelope >= 0),
    award_floor     numeric(14, 2) not null check (award_floor >= 0),
    award_ceiling   numeric(14, 2) not null,
    expected_awards int     not null check (expected_awards > 0),
    eligibility     text    not null,
    questions       text[]  not null,
    check (award_ceiling >= award_floor),
    check (opens_on <= closes_at::date)
);

create table grants.rubric_criterion (
    cycle_id  bigint not null references grants.funding_cycle (id),
    code      text   not null,
    label     text   not null,
    max_score int    not null check (max_score > 0),
    weight    numeric(5, 2) not null default 1,
    primary key (cycle_id, code)
);

-- Organizations are identified by EIN: a second registration with the same EIN is the same organization.
create table grants.organization (
    id            bigserial primary key,
    ein           text not null unique check (ein ~ '^[0-9]{2}-[0-9]{7}$'),
    org_ref       text not null unique,
    legal_name    text not null,
    org_type      text not null check (org_type in ('FQHC', 'FREE_CLINIC', 'COMMUNITY_CLINIC', 'NON_PROFIT', 'COUNTY_DEPARTMENT')),
    street        text,
    city          text,
    zip           text,
    spa           int check (spa between 1 and 8),
    contact_name  text,
    contact_email text,
    created_at    timestamptz not null default now()
);

create table grants.application (
    id               bigserial primary key,
    cycle_id         bigint not null references grants.funding_cycle (id),
    organization_id  bigint not null references grants.organization (id),
    title            text   not null,
    requested_amount numeric(14, 2) not null default 0 check (requested_amount >= 0),
    answers          text[] not null default '{}',
    status           text   not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'SCREENED_OUT', 'IN_REVIEW',
                         'RECOMMENDED', 'APPROVED', 'DECLINED')),
    screening_note   text,
    created_by       text   not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    submitted_at     timestamptz
);
create index on grants.application (cycle_id, status);
create index on grants.application (organization_id);

create table grants.budget_line (
    application_id bigint not null references grants.application (id) on delete cascade,
    line_no        int    not null,
    category       text   not null,
    description    text   not null,
    amount         numeric(14, 2) not null check (amount >= 0),
    primary key (application_id, line_no)
);

create table grants.attachment (
    id             bigserial primary key,
    application_id bigint not null references grants.application (id) on delete cascade,
    filename       text   not null,
    content_type   text   not null,
    size_bytes     bigint not null,
    sha256         text   not null,
    content        bytea  not null,
    uploaded_by    text   not null,
    uploaded_at    timestamptz not null default now()
);

create table grants.review_assignment (
    id              bigserial primary key,
    application_id  bigint not null references grants.application (id),
    reviewer        text   not null,
    status          text   not null default 'ASSIGNED' check (status in ('ASSIGNED', 'CLEARED', 'RECUSED', 'COMPLETED')),
    conflict_reason text,
    declared_at     timestamptz,
    completed_at    timestamptz,
    overall_comment text,
    unique (application_id, reviewer)
);

create table grants.review_score (
    assignment_id  bigint not null references grants.review_assignment (id),
    criterion_code text   not null,
    score          int    not null check (score >= 0),
    comment        text,
    primary key (assignment_id, criterion_code)
);

create table grants.board_meeting (
    id           bigserial primary key,
    meeting_date date not null unique,
    title        text not null
);

-- One Board of Governors action: a motion approving (or not) a slate of recommended applications.
create table grants.board_action (
    id          bigserial primary key,
    meeting_id  bigint not null references grants.board_meeting (id),
    motion      text   not null,
    action_date date   not null,
    approved    boolean not null,
    total       numeric(14, 2) not null,
    recorded_by text   not null,
    recorded_at timestamptz not null default now()
);

create table grants.slate_item (
    meeting_id       bigint not null references grants.board_meeting (id),
    application_id   bigint not null unique references grants.application (id),
    recommended      numeric(14, 2) not null check (recommended > 0),
    board_action_id  bigint references grants.board_action (id),
    primary key (meeting_id, application_id)
);

create table grants.award (
    id              bigserial primary key,
    award_number    text   not null unique,
    application_id  bigint unique references grants.application (id),
    organization_id bigint not null references grants.organization (id),
    program_id      bigint not null references grants.program (id),
    cycle_id        bigint references grants.funding_cycle (id),
    title           text   not null,
    amount          numeric(14, 2) not null check (amount > 0),
    awarded_on      date   not null,
    starts_on       date   not null,
    ends_on         date   not null,
    board_action_id bigint references grants.board_action (id),
    status          text   not null default 'ACTIVE' check (status in ('ACTIVE', 'CLOSED')),
    closed_on       date,
    closeout_note   text,
    source          text   not null default 'LIFECYCLE' check (source in ('LIFECYCLE', 'HISTORY', 'IMPORT')),
    check (ends_on >= starts_on)
);
create index on grants.award (program_id, awarded_on);
create index on grants.award (organization_id);

create table grants.award_amendment (
    id             bigserial primary key,
    award_id       bigint not null references grants.award (id),
    old_amount     numeric(14, 2) not null,
    new_amount     numeric(14, 2) not null,
    old_ends_on    date not null,
    new_ends_on    date not null,
    reason         text not null,
    amended_by     text not null,
    amended_at     timestamptz not null default now()
);

-- A tranche of the payment schedule; its status follows scheduled -> approved -> paid (-> returned), or cancelled.
create table grants.disbursement (
    id          bigserial primary key,
    award_id    bigint not null references grants.award (id),
    seq         int    not null,
    amount      numeric(14, 2) not null check (amount > 0),
    due_on      date   not null,
    milestone   text,
    status      text   not null default 'SCHEDULED' check (status in ('SCHEDULED', 'APPROVED', 'PAID', 'RETURNED', 'CANCELLED')),
    approved_by text,
    approved_at timestamptz,
    paid_on     date,
    note        text,
    unique (award_id, seq)
);
create index on grants.disbursement (status, due_on);

create table grants.report_requirement (
    id            bigserial primary key,
    award_id      bigint not null references grants.award (id),
    kind          text   not null check (kind in ('INTERIM', 'FINAL', 'FINANCIAL')),
    due_on        date   not null,
    extended_to   date,
    status        text   not null default 'DUE' check (status in ('DUE', 'SUBMITTED', 'ACCEPTED', 'REVISION_REQUESTED')),
    narrative     text,
    spent_to_date numeric(14, 2),
    submitted_by  text,
    submitted_at  timestamptz,
    reviewed_by   text,
    review_note   text
);
create index on grants.report_requirement (status, due_on);

create table grants.outcome (
    id        bigserial primary key,
    award_id  bigint not null references grants.award (id),
    indicator text   not null,
    target    numeric(14, 2) not null,
    actual    numeric(14, 2),
    unique (award_id, indicator)
);
