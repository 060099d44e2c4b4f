-- Quality (#21, care-gap loop): supplemental data arrives as clinical sources of three more kinds, kept like FHIR
-- imports (one source, its resources, withdrawable as a whole): lab results and immunization registry extracts as
-- CSV, and screenings recorded at Community Resource Centers (one source per screening, named by its centers id).
alter table quality.clinical_source drop constraint clinical_source_format_check;
alter table quality.clinical_source add constraint clinical_source_format_check
    check (format in ('bundle', 'ndjson', 'lab-csv', 'immunization-csv', 'center-screening'));
create unique index clinical_source_center_screening on quality.clinical_source (name)
    where format = 'center-screening';
