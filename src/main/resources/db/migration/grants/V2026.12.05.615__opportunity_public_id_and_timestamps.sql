-- CommonGrants (OpportunityBase) asks for a UUID id and the record's createdAt / lastModifiedAt (#15).
-- Each funding cycle gets a stable UUID, kept for the life of the row; the numeric id stays the internal key.
-- Existing rows: created_at and last_modified_at start at the time of this migration (the earlier history was not
-- recorded); from now on every change to a cycle moves last_modified_at (trigger below).
alter table grants.funding_cycle
    add column public_id        uuid        not null default gen_random_uuid(),
    add column created_at       timestamptz not null default now(),
    add column last_modified_at timestamptz not null default now();

alter table grants.funding_cycle add constraint funding_cycle_public_id_key unique (public_id);

create function grants.touch_last_modified() returns trigger language plpgsql as $$
begin
    new.last_modified_at := now();
    return new;
end
$$;

create trigger funding_cycle_last_modified before update on grants.funding_cycle
    for each row when (old.* is distinct from new.*) execute function grants.touch_last_modified();
