-- #18: an administrator can force a password reset: the login gets a one-time password and must choose a new one
-- before anything else.
alter table identity.user_account add column password_change_required boolean not null default false;
