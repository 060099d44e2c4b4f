-- Network adequacy: time-or-distance standards as data, alternative access standards, provider types mapped to NUCC
-- taxonomy codes, and stored runs with their results per ZIP.
create schema if not exists adequacy;

-- Which provider-directory product line (network) serves each coverage product line.
create table adequacy.product_line_network (
    product_line          text primary key,
    network_product_line  text not null
);
insert into adequacy.product_line_network values
    ('MCLA', 'medi-cal'), ('LACC', 'covered-ca'), ('MCP', 'medicare'), ('PASC', 'pasc-sein');

-- County tiers of W&I Code §14197: dense, medium, small, rural. Los Angeles (06037) is dense.
create table adequacy.county_tier (
    county_fips  text primary key,
    tier         text not null check (tier in ('dense', 'medium', 'small', 'rural'))
);
insert into adequacy.county_tier values ('06037', 'dense');

create table adequacy.provider_type (
    code        text primary key,
    category    text not null,
    name_en     text not null,
    name_es     text not null,
    sort_order  int not null
);
insert into adequacy.provider_type values
    ('pcp-adult', 'primary-care', 'Primary care, adult', 'Atención primaria, adultos', 1),
    ('pcp-pediatric', 'primary-care', 'Primary care, pediatric', 'Atención primaria, pediátrica', 2),
    ('obgyn', 'obgyn', 'OB/GYN primary care', 'Ginecología y obstetricia, atención primaria', 3),
    ('cardiology', 'specialist', 'Cardiology', 'Cardiología', 10),
    ('dermatology', 'specialist', 'Dermatology', 'Dermatología', 11),
    ('gastroenterology', 'specialist', 'Gastroenterology', 'Gastroenterología', 12),
    ('ophthalmology', 'specialist', 'Ophthalmology', 'Oftalmología', 13),
    ('orthopedics', 'specialist', 'Orthopedic surgery', 'Cirugía ortopédica', 14),
    ('mental-health', 'mental-health', 'Outpatient mental health (non-psychiatry)',
        'Salud mental ambulatoria (no psiquiatría)', 20),
    ('hospital', 'hospital', 'Hospital', 'Hospital', 30),
    ('pharmacy', 'pharmacy', 'Pharmacy', 'Farmacia', 31);

-- NUCC codes as used by the provider directory (network/specialties.csv).
create table adequacy.provider_type_taxonomy (
    provider_type  text not null references adequacy.provider_type (code),
    taxonomy_code  text not null,
    primary key (provider_type, taxonomy_code)
);
insert into adequacy.provider_type_taxonomy values
    ('pcp-adult', '207Q00000X'), ('pcp-adult', '208D00000X'), ('pcp-adult', '207R00000X'),
    ('pcp-adult', '363LF0000X'), ('pcp-adult', '363A00000X'), ('pcp-adult', '261QF0400X'),
    ('pcp-adult', '261QP2300X'),
    ('pcp-pediatric', '208000000X'), ('pcp-pediatric', '207Q00000X'), ('pcp-pediatric', '261QF0400X'),
    ('obgyn', '207V00000X'),
    ('cardiology', '207RC0000X'), ('dermatology', '207N00000X'), ('gastroenterology', '207RG0100X'),
    ('ophthalmology', '207W00000X'), ('orthopedics', '207X00000X'),
    ('mental-health', '103T00000X'), ('mental-health', '1041C0700X'), ('mental-health', '106H00000X'),
    ('hospital', '282N00000X'),
    ('pharmacy', '333600000X');

create table adequacy.standard (
    product_line   text not null,
    county_tier    text not null check (county_tier in ('dense', 'medium', 'small', 'rural')),
    provider_type  text not null references adequacy.provider_type (code),
    miles          numeric(6, 1) not null check (miles > 0),
    minutes        int not null check (minutes > 0),
    updated_at     timestamptz not null default now(),
    updated_by     text not null default 'seed',
    primary key (product_line, county_tier, provider_type)
);

-- Seed: W&I Code §14197. Primary care, OB/GYN primary care, hospitals and pharmacy are the same in every tier;
-- specialists and outpatient mental health widen with the tier (dense 15/30, medium 30/60, small 45/75, rural 60/90).
insert into adequacy.standard (product_line, county_tier, provider_type, miles, minutes)
select pl.code, t.tier, pt.code,
       case when pt.category in ('specialist', 'mental-health')
            then case t.tier when 'dense' then 15 when 'medium' then 30 when 'small' then 45 else 60 end
            when pt.category = 'hospital' then 15
            else 10 end,
       case when pt.category in ('specialist', 'mental-health')
            then case t.tier when 'dense' then 30 when 'medium' then 60 when 'small' then 75 else 90 end
            else 30 end
  from (values ('MCLA'), ('LACC'), ('MCP'), ('PASC')) pl(code)
 cross join (values ('dense'), ('medium'), ('small'), ('rural')) t(tier)
 cross join adequacy.provider_type pt;

create table adequacy.alternative_standard (
    id                  bigserial primary key,
    product_line        text not null,
    zip                 text not null,
    provider_type       text not null references adequacy.provider_type (code),
    miles               numeric(6, 1) not null check (miles > 0),
    minutes             int not null check (minutes > 0),
    approval_reference  text not null,
    approved_on         date not null,
    effective_from      date not null,
    effective_to        date,
    created_by          text not null,
    created_at          timestamptz not null default now(),
    check (effective_to is null or effective_to >= effective_from)
);
create index alternative_standard_zip on adequacy.alternative_standard (product_line, zip, provider_type);

create table adequacy.run (
    id                     bigserial primary key,
    measured_on            date not null,
    product_line_filter    text,
    started_at             timestamptz not null,
    finished_at            timestamptz not null,
    started_by             text not null,
    kind                   text not null check (kind in ('full', 'incremental')),
    travel_model           text not null,
    parameters             text not null,
    membership_fingerprint text not null,
    directory_fingerprint  text not null,
    members                bigint not null,
    members_unlocated      bigint not null,
    elapsed_ms             bigint not null
);

create table adequacy.run_zip_result (
    run_id            bigint not null references adequacy.run (id) on delete cascade,
    product_line      text not null,
    provider_type     text not null,
    zip               text not null,
    spa               int not null,
    rcac_region       int not null,
    members           int not null,
    met               int not null,
    met_by_miles      int not null,
    met_by_minutes    int not null,
    met_by_alternative int not null,
    max_miles         double precision,
    sum_miles         double precision not null,
    primary key (run_id, product_line, provider_type, zip)
);
