-- Summary figures for the equity insights pages, refreshed from the other modules' aggregate APIs. Pages read only
-- these tables. area 0 = the county; denominator null where the measure has none for that cell.
create schema if not exists insights;

create table insights.figure (
    measure        text    not null,
    geo_level      text    not null check (geo_level in ('county', 'spa', 'rcac')),
    area           int     not null,
    stratum_kind   text    not null,
    stratum_value  text    not null,
    period_kind    text    not null check (period_kind in ('current', 'month', 'year')),
    period         date    not null,
    numerator      numeric not null,
    denominator    numeric,
    primary key (measure, geo_level, period_kind, period, stratum_kind, stratum_value, area)
);

-- One row per family of measures (coverage, adequacy, centers, engagement, grants, housing): when and how it was
-- last refreshed.
create table insights.refresh (
    family        text        primary key,
    refreshed_at  timestamptz not null,
    as_of         date        not null,
    elapsed_ms    bigint      not null,
    figures       int         not null,
    trigger       text        not null
);

-- Families whose source changed (an event arrived); the debounced job refreshes them once per cluster.
create table insights.pending (
    family        text        primary key,
    requested_at  timestamptz not null,
    trigger       text        not null
);

-- Names of groups that only the source module knows (provider types, product lines), stored with the figures.
create table insights.label (
    stratum_kind   text not null,
    stratum_value  text not null,
    label_en       text not null,
    label_es       text not null,
    primary key (stratum_kind, stratum_value)
);
