-- Consent to text messages (#22): every opt-in and opt-out as it happened, never updated or deleted. The latest row
-- of a phone says whether it may be texted. An opt-in keeps the words the person was shown, in their language, and
-- where they gave it; an opt-out keeps the reply they sent (STOP) or the page where they withdrew.
create table platform.sms_consent (
    id          bigserial   primary key,
    phone       text        not null check (phone ~ '^[0-9]{10}$'),
    opted_in    boolean     not null,
    wording     text        not null check (length(wording) between 1 and 1000),
    language    text        not null check (language ~ '^[a-z]{2,3}$'),
    source      text        not null check (length(source) between 1 and 100),
    recorded_at timestamptz not null default now()
);
create index sms_consent_phone on platform.sms_consent (phone, id desc);
