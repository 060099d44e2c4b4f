-- Quality (#21, results out): how each result was attributed to its PCP. 'assigned-pcp': the PCP on the member's
-- enrollment span; 'claims-plurality': no assigned PCP the directory lists, so the listed primary-care practitioner
-- with the most distinct-day outpatient/E&M visits in the period on the member's claims (ties: the latest visit);
-- null: neither (the "unknown" row).
alter table quality.measure_result add column attribution text
    check (attribution in ('assigned-pcp', 'claims-plurality'));
