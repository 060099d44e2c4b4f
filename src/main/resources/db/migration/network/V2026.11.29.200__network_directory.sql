-- The provider directory read model: one table per Plan-Net resource type, shaped for search.
-- Every row carries its version, last update, and when, by whom and from what source it was last verified.
-- Networks are organizations of type 'ntwk' (the Plan-Net Network profile). References are FHIR ids (text);
-- to-many references are text arrays with GIN indexes. No foreign keys: imports may arrive in any order.
create schema if not exists network;
create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pg_trgm;

create table network.organization (
    id               text primary key,
    npi              text,
    name             text not null,
    alias            text,
    type_code        text not null,           -- OrgTypeCS: prvgrp, fac, ntwk, payer, atyprv, bus
    kind             text not null,           -- hospital, clinic, fqhc, medical-group, pharmacy, urgent-care, network, payer
    taxonomy_code    text,                    -- NUCC taxonomy of the facility or group
    product_line     text,                    -- for networks: medi-cal, medicare, covered-ca, pasc-sein
    part_of          text,
    endpoint_ids     text[] not null default '{}',
    coverage_area_ids text[] not null default '{}',
    phone            text,
    line             text,
    city             text,
    state            text,
    postal_code      text,
    active           boolean not null default true,
    version          int not null default 1,
    last_updated     timestamptz not null default now(),
    verified_on      date,
    verified_by      text,
    source           text not null default 'demo'
);

create table network.practitioner (
    id              text primary key,
    npi             text not null,
    family          text not null,
    given           text not null,
    suffix          text,                     -- MD, DO, NP, PA, PhD, PharmD ...
    gender          text,                     -- male, female, other, unknown
    languages       text[] not null default '{}',
    license_number  text,
    license_state   text,
    board_code      text,                     -- NUCC taxonomy of the board certification
    board_name      text,
    active          boolean not null default true,
    suppressed      boolean not null default false,   -- SB 137: hidden after the notice period until confirmed
    version         int not null default 1,
    last_updated    timestamptz not null default now(),
    verified_on     date,
    verified_by     text,
    source          text not null default 'demo'
);

create table network.location (
    id               text primary key,
    name             text not null,
    type_code        text,                    -- v3-RoleCode: HOSP, OF, PHARM, ER, HUSCS ...
    organization_id  text,
    part_of          text,
    endpoint_ids     text[] not null default '{}',
    line             text not null,
    city             text not null,
    state            text not null default 'CA',
    postal_code      text not null,
    latitude         double precision,
    longitude        double precision,
    phone            text,
    hours            text,                    -- e.g. "mon-fri 08:00-17:00"
    accessibility    text[] not null default '{}',   -- AccessibilityCS: handiaccess, pubtrans, adacomp, cultcomp
    active           boolean not null default true,
    version          int not null default 1,
    last_updated     timestamptz not null default now(),
    verified_on      date,
    verified_by      text,
    source           text not null default 'demo'
);

create table network.practitioner_role (
    id                  text primary key,
    practitioner_id     text,
    organization_id     text,
    location_id         text,
    -- one network per role (Plan-Net's network-reference is 0..1): rosters send practitioner x location x network
    network_ids         text[] not null default '{}' check (cardinality(network_ids) <= 1),
    service_ids         text[] not null default '{}',
    endpoint_ids        text[] not null default '{}',
    role_code           text not null default 'ph',       -- ProviderRoleCS: ph, crnp, pa, rx, py, sw, mt ...
    specialty           text not null,                    -- NUCC taxonomy code
    accepting           text not null default 'newpt',    -- AcceptingPatientsCS: nopt, newpt, existptonly, existptfam
    telehealth          boolean not null default false,
    suppressed          boolean not null default false,   -- its practitioner is hidden (SB 137)
    period_start        date,
    period_end          date,
    active              boolean not null default true,
    version             int not null default 1,
    last_updated        timestamptz not null default now(),
    verified_on         date,
    verified_by         text,
    source              text not null default 'demo'
);

create table network.healthcare_service (
    id                text primary key,
    organization_id   text,
    name              text not null,
    category_code     text not null,          -- HealthcareServiceCategoryCS: prov, pharm, emerg, urg, outpat ...
    type_codes        text[] not null default '{}',
    specialty_codes   text[] not null default '{}',
    location_ids      text[] not null default '{}',
    coverage_area_ids text[] not null default '{}',
    endpoint_ids      text[] not null default '{}',
    active            boolean not null default true,
    version           int not null default 1,
    last_updated      timestamptz not null default now(),
    verified_on       date,
    verified_by       text,
    source            text not null default 'demo'
);

create table network.insurance_plan (
    id                  text primary key,
    identifier          text,
    name                text not null,
    type_code           text not null,        -- InsuranceProductTypeCS: medi, mediadvhmo, qhp, commhmo ...
    plan_type_code      text,                 -- InsurancePlanTypeCS: platinum, gold, silver, bronze ...
    product_line        text not null,
    owned_by            text,
    administered_by     text,
    coverage_area_ids   text[] not null default '{}',
    network_ids         text[] not null default '{}',
    endpoint_ids        text[] not null default '{}',
    active              boolean not null default true,
    version             int not null default 1,
    last_updated        timestamptz not null default now(),
    verified_on         date,
    verified_by         text,
    source              text not null default 'demo'
);

create table network.organization_affiliation (
    id                         text primary key,
    primary_organization_id    text,
    participating_organization_id text,
    location_ids               text[] not null default '{}',
    service_ids                text[] not null default '{}',
    network_ids                text[] not null default '{}',
    endpoint_ids               text[] not null default '{}',
    role_code                  text not null,   -- OrganizationAffiliationRoleCS: hospital, outpatient, pharmacy, member ...
    specialty_codes            text[] not null default '{}',
    active                     boolean not null default true,
    version                    int not null default 1,
    last_updated               timestamptz not null default now(),
    verified_on                date,
    verified_by                text,
    source                     text not null default 'demo'
);

create table network.endpoint (
    id               text primary key,
    organization_id  text,
    name             text,
    connection_type  text not null,           -- EndpointConnectionTypeCS: hl7-fhir-opn, rest-non-fhir
    payload_type     text not null default 'NA',
    address          text not null,
    status           text not null default 'active',
    version          int not null default 1,
    last_updated     timestamptz not null default now(),
    verified_on      date,
    verified_by      text,
    source           text not null default 'demo'
);

-- Every change to an entry keeps the previous state.
create table network.entry_history (
    id            bigserial primary key,
    resource_type text not null,
    resource_id   text not null,
    version       int not null,
    changed_at    timestamptz not null default now(),
    changed_by    text not null,
    source        text not null,
    change        text not null,             -- created, updated, verified, suppressed, restored
    snapshot      jsonb not null
);
create index entry_history_resource on network.entry_history (resource_type, resource_id, version);

-- SB 137: verification campaigns and public error reports.
create table network.verification_campaign (
    id             bigserial primary key,
    started_on     date not null,
    cadence_days   int not null,
    notice_days    int not null,
    started_by     text not null,
    created_at     timestamptz not null default now()
);

create table network.verification_request (
    id              bigserial primary key,
    campaign_id     bigint not null references network.verification_campaign (id),
    practitioner_id text not null,
    sent_on         date not null,
    notice_ends_on  date not null,
    status          text not null default 'pending',   -- pending, confirmed, changed, no-response, suppressed
    responded_on    date,
    note            text,
    unique (campaign_id, practitioner_id)
);
create index verification_request_status on network.verification_request (status, notice_ends_on);

create table network.error_report (
    id              bigserial primary key,
    resource_type   text not null,
    resource_id     text not null,
    category        text not null,             -- address, phone, accepting, specialty, network, other
    description     text not null,
    reporter_contact text,
    received_at     timestamptz not null default now(),
    due_on          date not null,
    status          text not null default 'open',   -- open, investigating, resolved
    outcome         text,                           -- corrected, confirmed-accurate, provider-removed
    resolved_at     timestamptz,
    resolved_by     text
);
create index error_report_status on network.error_report (status, due_on);

create table network.import_run (
    id          bigserial primary key,
    kind        text not null,                 -- roster, plannet
    file_name   text not null,
    started_at  timestamptz not null default now(),
    started_by  text not null,
    applied     int not null default 0,
    rejected    int not null default 0,
    errors      jsonb not null default '[]'
);
