-- #18: separation of duties for payments, and length limits that match the forms.

-- Who scheduled a tranche and who marked it paid: the one who pays is neither the one who scheduled it nor the one
-- who approved it (docs/adr/0003-separation-of-duties-for-grant-payments.md). Rows from before have no names.
alter table grants.disbursement add column scheduled_by text;
alter table grants.disbursement add column paid_by text;
alter table grants.disbursement add constraint disbursement_paid_by_a_second_person
    check (paid_by is null or (paid_by <> coalesce(approved_by, '') and paid_by <> coalesce(scheduled_by, '')));

-- Free text as long as the forms allow (not valid: rows loaded before are not re-checked; new ones are).
alter table grants.disbursement add constraint disbursement_milestone_length check (char_length(milestone) <= 500) not valid;
alter table grants.disbursement add constraint disbursement_note_length check (char_length(note) <= 1000) not valid;
alter table grants.board_meeting add constraint board_meeting_title_length check (char_length(title) <= 200) not valid;
alter table grants.board_action add constraint board_action_motion_length check (char_length(motion) <= 2000) not valid;
alter table grants.review_assignment add constraint review_assignment_reviewer_length check (char_length(reviewer) <= 100) not valid;
alter table grants.review_assignment add constraint review_assignment_comment_length
    check (char_length(overall_comment) <= 4000 and char_length(conflict_reason) <= 1000) not valid;
