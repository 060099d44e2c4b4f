-- When the day-before reminder was queued, so each registration gets one.
alter table centers.registration add column reminded_at timestamptz;
create index registration_to_remind on centers.registration (session_id) where status = 'registered' and reminded_at is null;
