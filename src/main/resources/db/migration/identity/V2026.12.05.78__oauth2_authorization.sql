-- issue #17: the authorization server's pending and issued authorizations of member apps (SMART App Launch): the
-- consent step's state, the authorization code, the tokens. In PostgreSQL, so any instance can finish a flow
-- another one started (no sticky sessions). Looked up by the SHA-256 of a token, never by the token itself.
create table identity.oauth2_authorization (
    id             varchar(100) primary key,
    client_id      varchar(100) not null,
    principal_name varchar(200) not null,
    state_hash     char(64),
    code_hash      char(64),
    access_hash    char(64),
    refresh_hash   char(64),
    expires_at     timestamptz  not null,
    authorization_data bytea    not null -- the serialized OAuth2Authorization (Spring Authorization Server's own form)
);
create unique index oauth2_authorization_state on identity.oauth2_authorization (state_hash) where state_hash is not null;
create unique index oauth2_authorization_code on identity.oauth2_authorization (code_hash) where code_hash is not null;
create unique index oauth2_authorization_access on identity.oauth2_authorization (access_hash) where access_hash is not null;
create unique index oauth2_authorization_refresh on identity.oauth2_authorization (refresh_hash) where refresh_hash is not null;
create index oauth2_authorization_expires on identity.oauth2_authorization (expires_at);
