-- #18: an amendment's reason as long as the form allows (1,000 characters). Not valid: rows loaded before are not
-- re-checked; new ones are.
alter table grants.award_amendment add constraint award_amendment_reason_length check (char_length(reason) <= 1000) not valid;
