create schema if not exists geography;

create table geography.spa (
    spa  int  primary key check (spa between 1 and 8),
    name text not null
);

create table geography.rcac_region (
    region int  primary key check (region between 1 and 99),
    name   text not null
);

create table geography.zip_area (
    zip               text             primary key check (zip ~ '^[0-9]{5}$'),
    latitude          double precision not null,
    longitude         double precision not null,
    city              text             not null,
    county_fips       text             not null,
    spa               int              references geography.spa (spa),
    rcac_region       int              references geography.rcac_region (region),
    population_weight int              not null default 1
);
-- "within N miles" queries: earth_box(ll_to_earth(lat, lon), metres) @> ll_to_earth(latitude, longitude)
create index zip_area_earth on geography.zip_area using gist (ll_to_earth(latitude, longitude));
