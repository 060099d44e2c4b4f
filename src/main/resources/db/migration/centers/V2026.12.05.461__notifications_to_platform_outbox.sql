-- The centers outbox moves to platform.outbox (one outbox for every module). Every row moves, pending ones included,
-- in id order with its attempts, status and log rows; then the module's copy is dropped.
create temporary table centers_moved_notification on commit drop as
select old_id, nextval(pg_get_serial_sequence('platform.outbox', 'id')) as new_id
from (select id as old_id from centers.notification order by id) n;

insert into platform.outbox (id, module, channel, recipient, template, locale, subject, body, status, adapter,
                             attempts, next_attempt_at, created_at, sent_at)
select m.new_id, 'centers', n.channel, n.recipient, n.template, n.locale, n.subject, n.body, n.status, n.adapter,
       n.attempts, n.created_at, n.created_at, n.sent_at
from centers.notification n join centers_moved_notification m on m.old_id = n.id;

insert into platform.outbox_log (outbox_id, channel, recipient, subject, body, logged_at)
select m.new_id, l.channel, l.recipient, l.subject, l.body, l.logged_at
from centers.notification_log l join centers_moved_notification m on m.old_id = l.notification_id
order by l.id;

drop table centers.notification_log;
drop table centers.notification;
