-- Issue #17: API clients become OAuth 2.0 clients (SMART Backend Services) with scopes.
-- token_sha256 now holds the SHA-256 of the client secret (256 random bits, so a fast hash is enough); clients that
-- authenticate with private_key_jwt have none. Rows that existed before are "legacy bearer" clients: their old
-- token keeps working on the API chain, limited to the scopes given below, until their owner moves to the token
-- endpoint (docs/security.md). They no longer read member demographics (system/Patient.rs): an administrator
-- registers a new client for that.
alter table identity.api_client
    add column client_id      text,
    add column scopes         text[] not null default '{}',
    add column jwks_url       text,
    add column public_jwk     text,
    add column legacy_bearer  boolean not null default false,
    add column secret_set_at  timestamptz;
alter table identity.api_client alter column token_sha256 drop not null;
update identity.api_client
   set client_id = 'legacy-' || id, legacy_bearer = true, secret_set_at = issued_at,
       scopes = array['eligibility.read', 'x12.270', 'system/Coverage.rs', 'system/CoverageEligibilityRequest.c'];
alter table identity.api_client alter column client_id set not null;
create unique index api_client_by_client_id on identity.api_client (client_id);

-- The keys that sign access tokens: one active, older ones kept (published in the JWKS) until the tokens they
-- signed have expired. The private key is PKCS#8, encrypted with AES-GCM under the operator's key when one is
-- configured (commonweal.security.token-key-secret).
create table identity.signing_key (
    kid          text        primary key,
    public_jwk   text        not null,
    private_key  bytea       not null,
    encrypted    boolean     not null,
    created_at   timestamptz not null default now(),
    retired_at   timestamptz
);
