create schema if not exists identity;

create table identity.user_account (
    id               bigint generated always as identity primary key,
    username         text        not null,
    display_name     text        not null,
    password_hash    text        not null,
    roles            text[]      not null,
    enabled          boolean     not null default true,
    failed_attempts  int         not null default 0,
    locked_until     timestamptz,
    member_id        text,
    organization_ref text,
    demo             boolean     not null default false,
    created_at       timestamptz not null default now(),
    last_login_at    timestamptz,
    constraint user_account_roles_known check (roles <@ array['ADMIN', 'MEMBER_SERVICES', 'NETWORK_MANAGER',
        'CENTER_STAFF', 'ENGAGEMENT_STAFF', 'GRANTS_OFFICER', 'GRANT_REVIEWER', 'GRANTEE', 'CASE_MANAGER',
        'ANALYST', 'MEMBER']::text[])
);
create unique index user_account_username on identity.user_account (lower(username));
