-- An organization's Service Planning Area is one of the plan's (the geography file, commonweal.geography.spas; checked
-- by the registration form and the history import), not one of Los Angeles County's eight (issue #19).
alter table grants.organization drop constraint if exists organization_spa_check;
alter table grants.organization add constraint organization_spa_positive check (spa >= 1);
