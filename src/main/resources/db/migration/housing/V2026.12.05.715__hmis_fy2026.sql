-- HMIS CSV FY2026 (#15).
--
-- 1. Client: the FY2026 element Sex (Client.csv `Sex`: 0 Female, 1 Male, 8 Client doesn't know, 9 Client prefers not
--    to answer, 99 Data not collected) replaces the retired Gender element in the exchange. Existing clients were
--    never asked it: they get 99 (Data not collected). It is NOT derived from the FY2024 gender answers, which record
--    gender identity, not sex. The gender column stays as it is (Commonweal's own record; no longer exported).
--    Race and ethnicity are unchanged in meaning; FY2026 renames the column HispanicLatinaeo to HispanicLatinao, a
--    change of the file's spelling only, mapped at the CSV boundary (the stored code keeps its FY2024 name).
alter table housing.client add column sex integer not null default 99 check (sex in (0, 1, 8, 9, 99));

-- 2. Every record of an imported HMIS CSV set that Commonweal does not model in its own tables (User, Funder,
--    ProjectCoC, Inventory, Affiliation, HMISParticipation, CEParticipation, IncomeBenefits, HealthAndDV,
--    EmploymentEducation, Disabilities, Services, CurrentLivingSituation, Assessment, AssessmentQuestions,
--    AssessmentResults, Event, YouthEducationStatus), and, for the files it does model (Organization, Project,
--    Client, Enrollment, Exit), the columns its tables do not hold: kept as they came (FY2026 column names) so that an
--    export gives back what was imported. Client rows never keep names, SSN or birth date here (those live in
--    housing.client; the SSN only as its last four digits).
create table housing.hmis_record (
    file             text        not null,
    record_id        text        not null,
    project_id       text,
    enrollment_id    text,
    personal_id      text,
    fields           jsonb       not null,
    source_export_id text,
    imported_at      timestamptz not null default now(),
    primary key (file, record_id)
);
create index hmis_record_by_enrollment on housing.hmis_record (enrollment_id) where enrollment_id is not null;
create index hmis_record_by_project on housing.hmis_record (project_id) where project_id is not null;
