-- issue #17: passkeys (WebAuthn) for staff sign-in. The WebAuthn user handle of each login (a random id, never
-- the username) and the login's registered credentials. An administrator's recovery deletes the credentials;
-- the login enrols a new passkey at its next sign-in.
create table identity.passkey_user (
    id           varchar(1000) primary key, -- base64url of the random user handle
    username     varchar(100)  not null,
    display_name varchar(200)
);
create unique index passkey_user_username on identity.passkey_user (lower(username));

create table identity.passkey_credential (
    credential_id                varchar(1000) primary key, -- base64url
    user_entity_user_id          varchar(1000) not null references identity.passkey_user (id) on delete cascade,
    public_key                   bytea         not null,    -- COSE key
    signature_count              bigint        not null default 0,
    uv_initialized               boolean       not null,
    backup_eligible              boolean       not null,
    backup_state                 boolean       not null,
    authenticator_transports     varchar(1000) not null default '',
    public_key_credential_type   varchar(100)  not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamptz   not null default now(),
    last_used                    timestamptz   not null default now(),
    label                        varchar(200)  not null check (length(trim(label)) > 0)
);
create index passkey_credential_user on identity.passkey_credential (user_entity_user_id);

-- issue #17: SMART Backend Services client assertions (private_key_jwt) are single use: a jti seen before its
-- assertion expires is refused, on every instance. Rows past expiry are deleted by the next check.
create table identity.client_assertion_jti (
    client_id  varchar(100) not null,
    jti        varchar(256) not null,
    expires_at timestamptz  not null,
    primary key (client_id, jti)
);
create index client_assertion_jti_expires on identity.client_assertion_jti (expires_at);
