-- A resource imported from another Plan-Net server, as received (JSON, less meta.versionId and meta.lastUpdated):
-- the read model's columns answer searches, this answers reads, so every element and extension the source carried
-- is served back unchanged. Null for entries made here (demo data, rosters, the network manager's screens).
alter table network.practitioner add column resource_json text;
alter table network.practitioner_role add column resource_json text;
alter table network.location add column resource_json text;
alter table network.organization add column resource_json text;
alter table network.organization_affiliation add column resource_json text;
alter table network.healthcare_service add column resource_json text;
alter table network.insurance_plan add column resource_json text;
alter table network.endpoint add column resource_json text;
