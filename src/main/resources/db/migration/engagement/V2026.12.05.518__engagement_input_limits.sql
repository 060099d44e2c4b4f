-- #18: free text as long as the committee forms allow, and vote counts that can be counts (not valid: rows loaded
-- before are not re-checked; new ones are).
alter table engagement.membership add constraint membership_text_length
    check (char_length(full_name) <= 120 and char_length(member_id) <= 20
           and char_length(represents_committee) <= 20) not valid;
alter table engagement.meeting add constraint meeting_text_length
    check (char_length(place) <= 200 and char_length(virtual_link) <= 500 and char_length(agenda) <= 8000) not valid;
alter table engagement.motion add constraint motion_votes_counts
    check (coalesce(votes_yes, 0) >= 0 and coalesce(votes_no, 0) >= 0 and coalesce(votes_abstain, 0) >= 0) not valid;
alter table engagement.motion add constraint motion_board_response_length check (char_length(board_response) <= 4000) not valid;
alter table engagement.motion_step add constraint motion_step_note_length check (char_length(note) <= 1000) not valid;
