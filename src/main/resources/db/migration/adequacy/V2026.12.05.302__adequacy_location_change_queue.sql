-- Directory changes waiting to be applied to adequacy, written in the event listener's transaction so that a crash
-- between the event's publication being marked complete and the coalesced batch being applied loses nothing: a
-- restart applies what is here. One row per location (its latest state); version orders the writes so that a
-- change arriving while a batch is applied is not deleted with it; claimed_until is the applying instance's lease.
create table adequacy.location_change_queue (
    location_id           text primary key,
    network_product_lines text[] not null,
    taxonomy_codes        text[] not null,
    latitude              double precision,
    longitude             double precision,
    removed               boolean not null,
    version               bigint not null,
    queued_at             timestamptz not null default now(),
    claimed_until         timestamptz
);

create sequence adequacy.location_change_version;
