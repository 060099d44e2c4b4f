-- HSDS 3.0 `modified_after` and `service.last_modified` (#15): when each center, program and class series last
-- changed. Rows that existed before this migration start at the migration's time (earlier changes were not
-- recorded); from now on a trigger moves last_modified on every change of the row.
alter table centers.center       add column last_modified timestamptz not null default now();
alter table centers.program      add column last_modified timestamptz not null default now();
alter table centers.class_series add column last_modified timestamptz not null default now();

create function centers.touch_last_modified() returns trigger language plpgsql as $$
begin
    new.last_modified := now();
    return new;
end
$$;

create trigger center_last_modified before update on centers.center
    for each row when (old.* is distinct from new.*) execute function centers.touch_last_modified();
create trigger program_last_modified before update on centers.program
    for each row when (old.* is distinct from new.*) execute function centers.touch_last_modified();
create trigger class_series_last_modified before update on centers.class_series
    for each row when (old.* is distinct from new.*) execute function centers.touch_last_modified();
