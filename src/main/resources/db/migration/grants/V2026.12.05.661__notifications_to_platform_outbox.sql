-- The grants outbox moves to platform.outbox (one outbox for every module). Every row moves, pending ones included,
-- in id order with its attempts, status and log rows; then the module's copy is dropped. Grants wrote English email.
create temporary table grants_moved_notification on commit drop as
select old_id, nextval(pg_get_serial_sequence('platform.outbox', 'id')) as new_id
from (select id as old_id from grants.notification order by id) n;

insert into platform.outbox (id, module, channel, recipient, template, locale, subject, body, status, adapter,
                             attempts, next_attempt_at, created_at, sent_at)
select m.new_id, 'grants', 'email', n.recipient, n.template, 'en', n.subject, n.body, n.status, n.adapter,
       n.attempts, n.created_at, n.created_at, n.sent_at
from grants.notification n join grants_moved_notification m on m.old_id = n.id;

insert into platform.outbox_log (outbox_id, channel, recipient, subject, body, logged_at)
select m.new_id, 'email', l.recipient, l.subject, l.body, l.logged_at
from grants.notification_log l join grants_moved_notification m on m.old_id = l.notification_id
order by l.id;

drop table grants.notification_log;
drop table grants.notification;
