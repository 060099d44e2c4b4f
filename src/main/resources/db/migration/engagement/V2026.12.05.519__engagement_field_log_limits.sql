-- #18: the field log's free text as long as its forms allow (FieldController), and counts that are counts. Not valid:
-- rows loaded before are not re-checked; new ones are.
alter table engagement.outreach_event add constraint outreach_event_text_length
    check (char_length(place_name) <= 200 and char_length(street) <= 200 and char_length(city) <= 100
           and char_length(zip) <= 10 and char_length(partners) <= 500 and char_length(materials) <= 500) not valid;
alter table engagement.outreach_event add constraint outreach_event_counts
    check (attendees_members between 0 and 100000 and attendees_nonmembers between 0 and 100000
           and age_0_17 between 0 and 100000 and age_18_64 between 0 and 100000 and age_65_plus between 0 and 100000
           and materials_count between 0 and 100000) not valid;
alter table engagement.contact add constraint contact_text_length
    check (char_length(person_name) <= 120 and char_length(member_id) <= 20 and char_length(phone) <= 30) not valid;
alter table engagement.referral add constraint referral_target_length check (char_length(target) <= 200) not valid;
