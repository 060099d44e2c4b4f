-- #22: a confirmation or reminder carries the calendar entry (RFC 5545) of its session, attached to the e-mail.
alter table centers.notification add column calendar text;
