-- #19: each run's small-cell masks, decided once per run (after the run is stored, in the background) instead of on
-- every analyst's view. One row per publication: a run's product line and provider type (its county, SPA, region and
-- gap rows are published together). results_digest names exactly the results and the rule the masks were decided
-- over: a reader whose results or rule give another digest ignores the row and masks on view.
create table adequacy.run_mask (
    run_id          bigint not null references adequacy.run (id) on delete cascade,
    product_line    text not null,
    provider_type   text not null,
    results_digest  text not null,
    masked          text[] not null,
    small_cells     int not null check (small_cells >= 0),
    unaudited       int not null check (unaudited >= 0),
    decided_ms      bigint not null check (decided_ms >= 0),
    decided_by      text not null check (decided_by in ('background', 'view')),
    decided_at      timestamptz not null default now(),
    primary key (run_id, product_line, provider_type)
);
