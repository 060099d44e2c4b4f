-- issue #17: member-authorized apps (SMART App Launch, standalone, public clients with PKCE) and the members'
-- authorizations of them. Revoking deletes the row; access tokens of an app are honoured only while a row
-- granted no later than the token's issue time exists.
create table identity.member_app (
    client_id    varchar(100) primary key,
    app_name     varchar(200) not null,
    redirect_uris text        not null, -- one per line
    created_at   timestamptz  not null default now(),
    disabled_at  timestamptz
);

create table identity.member_app_consent (
    client_id  varchar(100) not null references identity.member_app (client_id),
    username   varchar(100) not null,
    scopes     text         not null, -- space separated
    granted_at timestamptz  not null default now(),
    primary key (client_id, username)
);
create index member_app_consent_username on identity.member_app_consent (username);
