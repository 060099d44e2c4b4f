-- Identifiers by REF qualifier (issue #16). The CIN comes from REF*1L only; REF*F6 (Medicare HICN) gets its own
-- column; REF*23, REF*17, REF*DX, REF*ZZ, REF*ABB and unknown qualifiers of loop 2000 are kept as received
-- ('qualifier*value') on the member and on each history row, so nothing the state sent is lost.
alter table coverage.member add column hicn text;
alter table coverage.member add column raw_references text[];
alter table coverage.member_change add column raw_references text[];

-- Repair: before this release the parser also took the CIN from the first component of REF*23 (and the last of
-- REF*1L/REF*23 won), so members whose REF*23 followed REF*1L carry the DHCS status code ('1', '6', '01', …) as
-- their CIN. No raw 834 segments were stored before this release (import_file keeps the hash and the 999,
-- member_change a summary), so the true CIN cannot be rebuilt from the database: the wrong value is removed
-- (a CIN has 9 characters; a REF*23 status code 1 or 2) and kept in the member's raw references as the REF*23
-- component it was, and the next 834 loop carrying REF*1L (at the latest the monthly full file) restores the CIN,
-- because the import keeps an existing CIN only when a loop brings none.
with repaired as (
    update coverage.member m
    set raw_references = coalesce(m.raw_references, '{}') || array['23*' || m.cin || ' (removed from cin by V2026.12.05.101)'],
        cin = null, updated_at = now()
    where m.cin is not null and length(m.cin) < 8
    returning m.member_id, m.raw_references
)
insert into coverage.member_change (member_id, source, summary, raw_references, reason)
select member_id, 'migration',
       'CIN removed: it was the REF*23 status code read as a CIN; the next 834 with REF*1L restores it',
       raw_references, 'issue #16: CIN only from REF*1L'
from repaired;
