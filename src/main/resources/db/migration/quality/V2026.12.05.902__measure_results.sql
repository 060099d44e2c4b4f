-- Quality (#21): one row per member per measure per run, with the member's strata as they were at the run, so rates
-- per product line, race and ethnicity, language, age band, sex, SPA and region are a GROUP BY.
create table quality.measure_run (
    id            bigserial primary key,
    measure_id    text        not null,
    measure_url   text        not null,
    period_start  date        not null,
    period_end    date        not null,
    population_view text      not null check (population_view in ('ecqm', 'plan')),
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    members       integer     not null default 0,
    errors        integer     not null default 0,
    started_by    text        not null
);

create table quality.measure_result (
    run_id                bigint  not null references quality.measure_run (id) on delete cascade,
    member_id             text    not null,
    initial_population    boolean not null,
    denominator           boolean not null,
    denominator_exclusion boolean not null,
    denominator_exception boolean not null,
    numerator             boolean not null,
    error                 text,
    sex                   text,
    age_band              text,
    race_ethnicity        text,
    language              text,
    spa                   integer,
    rcac_region           integer,
    primary key (run_id, member_id)
);
create index measure_result_gaps on quality.measure_result (member_id)
    where denominator and not denominator_exclusion and not denominator_exception and not numerator;
