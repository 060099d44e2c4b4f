-- #22: a class confirmation or reminder carries its session's calendar entry (RFC 5545), sent as an e-mail attachment.
alter table platform.outbox add column calendar text;
