-- Machine clients of the APIs: one bearer token each, stored as a SHA-256 hash (tokens are 256 random bits, so a
-- fast hash is enough; nothing to brute-force).
create table identity.api_client (
    id           bigint generated always as identity primary key,
    client_name  text        not null,
    purpose      text        not null,
    token_sha256 text        not null unique,
    token_prefix text        not null,
    issued_at    timestamptz not null default now(),
    issued_by    text        not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
