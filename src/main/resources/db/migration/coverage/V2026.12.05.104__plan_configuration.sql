-- Plan configuration as data, with ADMIN screens and import-plan-config (issue #16): counties join product lines,
-- plan codes and aid codes; member loops refused for the configuration keep their segments so that they can be
-- re-applied once it is fixed, without a new file.
create table coverage.county (
    code  text primary key,
    name  text not null
);

-- California county codes as DHCS uses them in REF*3H and N4 CY (01 Alameda … 58 Yuba): the plan's own.
insert into coverage.county (code, name) values ('19', 'Los Angeles');

alter table coverage.import_reject add column config_reason text;
alter table coverage.import_reject add column loop_text text;
alter table coverage.import_reject add column reapplied_in bigint;
create index import_reject_config on coverage.import_reject (config_reason) where config_reason is not null
    and reapplied_in is null;
