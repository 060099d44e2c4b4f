-- #18: a display name as long as the users form allows (not valid: logins made before are not re-checked).
alter table identity.user_account add constraint user_account_display_name_length
    check (char_length(display_name) <= 120) not valid;
