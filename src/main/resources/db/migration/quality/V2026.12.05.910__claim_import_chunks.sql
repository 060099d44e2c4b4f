-- Quality (#21): 837 files are stored in chunks of claims, each its own transaction. A file stays 'importing' until
-- its last chunk; the same file sent again (same SHA-256) resumes after claims_done, the claims (stored or rejected)
-- already committed. The counters move with each chunk, so a resumed file reports the whole file.
alter table quality.claim_file drop constraint claim_file_status_check;
alter table quality.claim_file add constraint claim_file_status_check
    check (status in ('importing', 'imported', 'withdrawn'));
alter table quality.claim_file add column claims_done integer not null default 0;
alter table quality.claim_file add column claims_replaced integer not null default 0;
alter table quality.claim_file add column claims_voided integer not null default 0;
