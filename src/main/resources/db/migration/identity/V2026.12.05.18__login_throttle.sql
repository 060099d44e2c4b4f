-- Issue #17: wrong passwords are throttled per login name and client address, with back-off, instead of locking
-- the account for everyone (which let anyone lock out "admin"). Keyed by the name as typed, whether or not such a
-- login exists, so the answers never tell which logins exist. Rows of successful sign-ins are deleted.
create table identity.login_throttle (
    login           text        not null,
    address         text        not null,
    failures        int         not null,
    last_failure_at timestamptz not null default now(),
    blocked_until   timestamptz,
    primary key (login, address)
);
create index login_throttle_by_time on identity.login_throttle (last_failure_at);
