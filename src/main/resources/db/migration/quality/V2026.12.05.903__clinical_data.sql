-- Quality (#21): clinical data from providers (FHIR R4 transaction Bundles and Bulk NDJSON), matched to members,
-- kept whole with their source and line so a source can be withdrawn as a whole.
create table quality.clinical_source (
    id          bigserial primary key,
    name        text        not null check (length(name) <= 255),
    format      text        not null check (format in ('bundle', 'ndjson')),
    received_at timestamptz not null default now(),
    received_by text        not null,
    resources   integer     not null default 0,
    rejected    integer     not null default 0,
    status      text        not null default 'imported' check (status in ('imported', 'withdrawn'))
);

create table quality.clinical_resource (
    id            bigserial primary key,
    source_id     bigint  not null references quality.clinical_source (id) on delete cascade,
    line_number   integer not null,
    member_id     text    not null,
    resource_type text    not null,
    resource_id   text    not null,
    resource_json text    not null
);
create index clinical_resource_member on quality.clinical_resource (member_id);

create table quality.clinical_reject (
    id            bigserial primary key,
    source_id     bigint  not null references quality.clinical_source (id) on delete cascade,
    line_number   integer not null,
    resource_type text,
    resource_id   text,
    reason        text    not null
);
