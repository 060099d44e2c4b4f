-- #18: free text as long as the registration, walk-in and screening forms allow (not valid: rows loaded before are
-- not re-checked; new ones are).
alter table centers.participant add constraint participant_name_length
    check (char_length(first_name) <= 60 and char_length(last_name) <= 60) not valid;
alter table centers.participant add constraint participant_contact_length
    check (char_length(phone) <= 30 and char_length(email) <= 254 and char_length(zip) <= 10
           and char_length(member_id) <= 20 and char_length(accessibility) <= 500) not valid;
alter table centers.visit add constraint visit_text_length
    check (char_length(member_id) <= 20 and char_length(note) <= 500) not valid;
