-- Quality (#21): the NPIs on a claim linked to the provider directory. billing_provider and rendering_provider are
-- the directory entries the NPIs name ('Practitioner/<id>' or 'Organization/<id>', as network's facade resolves them
-- per chunk); an NPI the directory does not hold is kept as sent, its link null and the claim flagged npi_unlinked,
-- and each file counts its flagged claims.
alter table quality.claim add column billing_provider text;
alter table quality.claim add column rendering_provider text;
alter table quality.claim add column npi_unlinked boolean not null default false;
alter table quality.service_line add column rendering_provider text;
alter table quality.claim_file add column claims_npi_unlinked integer not null default 0;
create index claim_unlinked_npi on quality.claim (file_id) where npi_unlinked;
create index claim_billing_provider on quality.claim (billing_provider) where status = 'current';
create index claim_rendering_provider on quality.claim (rendering_provider) where status = 'current';
