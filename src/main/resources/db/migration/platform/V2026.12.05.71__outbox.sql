-- One notification outbox for every module (it was copied in centers and grants). A message is written in the same
-- transaction as the change it reports; the dispatcher hands it to a channel adapter later, retrying with backoff.
create table platform.outbox (
    id              bigserial   primary key,
    module          text        not null,
    channel         text        not null check (channel in ('email', 'sms')),
    recipient       text        not null,
    template        text        not null,
    locale          text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    adapter         text,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- the exception type of the last failure only: its message may quote an address
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index outbox_due on platform.outbox (next_attempt_at, id) where status = 'pending';
create index outbox_module on platform.outbox (module, id);

-- What the default (log) adapter delivered: nothing is lost when no provider is configured.
create table platform.outbox_log (
    id        bigserial   primary key,
    outbox_id bigint      not null references platform.outbox (id),
    channel   text        not null,
    recipient text        not null,
    subject   text        not null,
    body      text        not null,
    logged_at timestamptz not null default now()
);
create index outbox_log_message on platform.outbox_log (outbox_id);
