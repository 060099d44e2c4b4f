-- Keeping adequacy current: when a run's membership was read (changes after it are applied incrementally), notes
-- (unmapped product lines, what an incremental run applied), and product-line codes seen without a mapping.
alter table adequacy.run add column members_as_of timestamptz;
alter table adequacy.run add column notes text not null default '';
update adequacy.run set members_as_of = started_at where members_as_of is null;

-- A product-line code met without a row in product_line_network: from coverage (its members are not measured) or
-- from the directory (its locations are not measured). Shown on the standards page until a mapping is added.
create table adequacy.unmapped_product_line (
    source       text not null check (source in ('coverage', 'network')),
    code         text not null,
    first_seen   timestamptz not null default now(),
    last_seen    timestamptz not null default now(),
    occurrences  bigint not null default 1,
    last_context text not null,
    primary key (source, code)
);
