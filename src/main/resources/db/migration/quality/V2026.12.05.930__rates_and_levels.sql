-- Quality (#21, results out): who each result is attributed to at the run (product line, PCP, clinic, medical group,
-- from coverage's enrollment span and the provider directory, through their facades), the performance levels a rate
-- is compared with (data, loaded from a CSV), and each eligible member's numerator as of each month end of the period.
alter table quality.measure_result
    add column product_line  text,
    add column pcp_npi       text,
    add column pcp_name      text,
    add column clinic        text,
    add column medical_group text;

create table quality.performance_level (
    measure_id       text         not null,
    measurement_year integer      not null,
    minimum_rate     numeric(5,2) not null check (minimum_rate between 0 and 100),
    high_rate        numeric(5,2) not null check (high_rate between 0 and 100),
    higher_is_better boolean      not null,
    source           text         not null,
    loaded_at        timestamptz  not null default now(),
    primary key (measure_id, measurement_year),
    check (case when higher_is_better then high_rate >= minimum_rate else high_rate <= minimum_rate end)
);

create table quality.measure_result_month (
    run_id    bigint  not null references quality.measure_run (id) on delete cascade,
    member_id text    not null,
    month_end date    not null,
    numerator boolean not null,
    primary key (run_id, member_id, month_end)
);
