-- #18: minutes kept as text at most as long as the form allows (MeetingRecords.MINUTES_MAX). Not valid: rows loaded
-- before are not re-checked; new ones are.
alter table engagement.meeting add constraint meeting_minutes_length check (char_length(minutes) <= 20000) not valid;
