-- A plan's Service Planning Areas are its geography file's (commonweal.geography.spas), not Los Angeles County's
-- eight (issue #19): the number is a positive integer, as a region's is.
alter table geography.spa drop constraint if exists spa_spa_check;
alter table geography.spa add constraint spa_number_positive check (spa >= 1);
