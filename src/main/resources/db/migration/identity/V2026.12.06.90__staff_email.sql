-- #22: an optional work e-mail address and language on a login, so staff notifications (housing assignments) reach
-- the person; null means "none on file", and the notification is then recorded as not sent with that reason.
alter table identity.user_account
    add column email    text,
    add column language text,
    add constraint user_account_email_form check (email is null or (length(email) <= 254 and email ~ '^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$')),
    add constraint user_account_language_known check (language is null or language in ('en', 'es'));
