-- Issue #21 "Fast": a member's claims and service lines kept together. Claims arrive in date order, so a run reading
-- the members in id order touched nearly one heap page per claim and per line (pg_stats.correlation of
-- claim.member_id was -0.005 at full scale). Each service line now carries its claim's member (a claim's member
-- never changes: a replacement is a new claim), and both tables have a full index in member order that
-- `compact-claims` (ClaimOrder) clusters them by; a run reads a batch of members as two index ranges.
alter table quality.service_line add column member_id text;
update quality.service_line l set member_id = c.member_id from quality.claim c where c.id = l.claim_id;
alter table quality.service_line alter column member_id set not null;
create index service_line_member on quality.service_line (member_id, claim_id, line_number);
-- CLUSTER needs a full index (the partial claim_current_member stays for scattered look-ups of current claims)
create index claim_member on quality.claim (member_id, id);
