-- _revinclude of PractitionerRole counts the visible roles of every match on a page before choosing how many matches
-- fit the page's budget (20 medical groups: 5,143 roles). With the visibility flag in the reference indexes the count
-- is an index-only scan instead of a read of every role's heap page (2,300 pages for those 20 groups).
create index if not exists role_organization_visible on network.practitioner_role (organization_id) include (suppressed);
drop index if exists network.role_organization;
create index if not exists role_practitioner_visible on network.practitioner_role (practitioner_id) include (suppressed);
drop index if exists network.role_practitioner;
create index if not exists role_location_visible on network.practitioner_role (location_id) include (suppressed);
drop index if exists network.role_location;
