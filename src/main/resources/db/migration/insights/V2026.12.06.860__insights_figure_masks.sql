-- #19: each figure's small-cell masks, decided by the refresh over the measure's new figures before it publishes them
-- (in the same transaction as the figures), so that no page view decides masks and no reader ever sees figures beside
-- another refresh's masks. Null: figures stored before this migration (their masks are decided once on a view until
-- the next refresh stores them).
alter table insights.figure add column numerator_masked boolean, add column denominator_masked boolean;

-- What the rule did to each measure at its last refresh (counts, small, masked, left to the closure, time taken).
create table insights.mask_audit (
    measure     text        primary key,
    counts      int         not null,
    small       int         not null,
    masked      int         not null,
    unaudited   int         not null,
    elapsed_ms  bigint      not null,
    decided_at  timestamptz not null
);
