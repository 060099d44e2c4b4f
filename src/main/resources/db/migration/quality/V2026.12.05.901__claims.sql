-- Quality (#21): encounters and claims from X12 837P/837I, each kept with its file, segment and sender, so a whole
-- source can be withdrawn and every reject located.
create schema if not exists quality;

create table quality.claim_file (
    id              bigserial primary key,
    file_name       text        not null check (length(file_name) <= 255),
    sha256          text        not null unique,
    sender_id       text,
    control_number  text,
    implementation  text,
    received_at     timestamptz not null default now(),
    received_by     text        not null,
    claims_accepted integer     not null default 0,
    claims_rejected integer     not null default 0,
    service_lines   integer     not null default 0,
    status          text        not null default 'imported' check (status in ('imported', 'withdrawn'))
);

-- One version of one claim. Frequency 7 (replacement) makes the version it names 'replaced'; 8 (void) makes it
-- 'voided' and is itself kept as 'void'. Only 'current' rows count in measures.
create table quality.claim (
    id                    bigserial primary key,
    file_id               bigint      not null references quality.claim_file (id) on delete cascade,
    segment_number        integer     not null,
    claim_number          text        generated always as ('CW' || lpad(id::text, 10, '0')) stored unique,
    patient_control_number text       not null,
    form                  char(1)     not null check (form in ('P', 'I')),
    frequency_code        char(1)     not null check (frequency_code in ('1', '7', '8')),
    original_reference    text,
    replaces_claim_id     bigint      references quality.claim (id) on delete set null,
    status                text        not null check (status in ('current', 'replaced', 'voided', 'void')),
    member_id             text        not null,
    billing_npi           text        not null,
    rendering_npi         text,
    place_of_service      text,
    facility_type         text,
    statement_from        date,
    statement_to          date,
    total_charge          numeric(12, 2),
    diagnoses             text[]      not null default '{}',
    icd10_procedures      text[]      not null default '{}'
);
create index claim_current_member on quality.claim (member_id) where status = 'current';
create index claim_sender_pcn on quality.claim (billing_npi, patient_control_number);
create index claim_by_file on quality.claim (file_id);

create table quality.service_line (
    claim_id        bigint   not null references quality.claim (id) on delete cascade,
    line_number     integer  not null,
    service_from    date,
    service_to      date,
    procedure_code  text,
    modifiers       text[]   not null default '{}',
    revenue_code    text,
    units           numeric(10, 3),
    charge          numeric(12, 2),
    place_of_service text,
    rendering_npi   text,
    primary key (claim_id, line_number)
);

create table quality.claim_reject (
    id              bigserial primary key,
    file_id         bigint  not null references quality.claim_file (id) on delete cascade,
    segment_number  integer not null,
    segment_tag     text    not null,
    loop_id         text    not null,
    patient_control_number text,
    reason          text    not null
);
create index claim_reject_by_file on quality.claim_reject (file_id);
