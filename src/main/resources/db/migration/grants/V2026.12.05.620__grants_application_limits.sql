-- #18: the application form's free text as long as the form allows (ApplicationForm). Not valid: rows loaded before
-- are not re-checked; new ones are.
alter table grants.application add constraint application_title_length check (char_length(title) <= 300) not valid;
alter table grants.budget_line add constraint budget_line_text_length
    check (char_length(category) <= 100 and char_length(description) <= 500) not valid;
