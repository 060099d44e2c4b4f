-- #18: an alternative access standard's ZIP is five digits and its approval reference at most 100 characters, as the
-- form checks them (AdequacyController.AlternativeForm). Not valid: rows added before are not re-checked; new ones are.
alter table adequacy.alternative_standard add constraint alternative_standard_zip_form check (zip ~ '^[0-9]{5}$') not valid;
alter table adequacy.alternative_standard add constraint alternative_standard_reference_length
    check (char_length(approval_reference) <= 100) not valid;
