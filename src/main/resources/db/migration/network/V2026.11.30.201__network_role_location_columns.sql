-- Search speed at full scale (docs/benchmarks-network.md): every practitioner role carries its location's
-- coordinates (as an earth point) and postal code, kept in step by triggers, so that
--  * Find a Doctor's "specialty near a ZIP" reads the nearest roles straight from a GiST index on
--    (specialty, earth point), nearest first, and stops after a page (no join to every location in the circle);
--  * Plan-Net's PractitionerRole?location.address-postalcode=… is a btree range on the role table.
-- The triggers make every writer (demo COPY, roster and Plan-Net imports, manager edits) keep the copies current.
create extension if not exists btree_gist;

alter table network.practitioner_role
    add column if not exists loc_latitude double precision,
    add column if not exists loc_longitude double precision,
    add column if not exists loc_postal_code text;
alter table network.practitioner_role
    add column if not exists loc_earth earth generated always as (ll_to_earth(loc_latitude, loc_longitude)) stored;

create or replace function network.role_location_copy() returns trigger language plpgsql as $$
begin
    select l.latitude, l.longitude, l.postal_code into new.loc_latitude, new.loc_longitude, new.loc_postal_code
      from network.location l where l.id = new.location_id;
    return new;
end $$;

create or replace function network.location_to_roles() returns trigger language plpgsql as $$
begin
    update network.practitioner_role r
       set loc_latitude = new.latitude, loc_longitude = new.longitude, loc_postal_code = new.postal_code
     where r.location_id = new.id
       and (r.loc_latitude, r.loc_longitude, r.loc_postal_code)
           is distinct from (new.latitude, new.longitude, new.postal_code);
    return null;
end $$;

drop trigger if exists role_location_copy on network.practitioner_role;
create trigger role_location_copy before insert or update of location_id on network.practitioner_role
    for each row execute function network.role_location_copy();

drop trigger if exists location_to_roles on network.location;
create trigger location_to_roles after insert or update of latitude, longitude, postal_code on network.location
    for each row execute function network.location_to_roles();

update network.practitioner_role r
   set loc_latitude = l.latitude, loc_longitude = l.longitude, loc_postal_code = l.postal_code
  from network.location l
 where l.id = r.location_id;

create index if not exists role_specialty_earth on network.practitioner_role using gist (specialty, loc_earth);
create index if not exists role_earth on network.practitioner_role using gist (loc_earth);
create index if not exists role_postal on network.practitioner_role (lower(loc_postal_code) text_pattern_ops);
analyze network.practitioner_role;
