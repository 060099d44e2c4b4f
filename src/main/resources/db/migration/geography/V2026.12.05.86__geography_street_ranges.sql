-- Street address ranges for the offline geocoder (#22), loaded by `load-geocoder` from the Census TIGER/Line
-- address range feature files (ADDRFEAT: one row per side of an edge that has addresses). A number on the street
-- is placed by interpolating between the range's ends along the edge's line.
create table geography.street_range (
    id        bigserial        primary key,
    source    text             not null,
    tlid      bigint           not null,
    full_name text             not null,
    name_key  text             not null,
    base_key  text             not null,
    side      char(1)          not null check (side in ('L', 'R')),
    from_hn   int              not null check (from_hn >= 0),
    to_hn     int              not null check (to_hn >= 0),
    parity    char(1)          not null check (parity in ('O', 'E', 'B')),
    zip       text             check (zip ~ '^[0-9]{5}$'),
    lons      double precision[] not null check (cardinality(lons) >= 2),
    lats      double precision[] not null check (cardinality(lats) = cardinality(lons))
);
create index street_range_street on geography.street_range (base_key text_pattern_ops, least(from_hn, to_hn));
create index street_range_source on geography.street_range (source);
