-- Find a Doctor without a place or a name (a language, a specialty, a plan): practitioners are walked in name order
-- and each joined to its matching roles, stopping after a page, instead of sorting every matching role.
create index if not exists practitioner_listing on network.practitioner (family, given, id)
    where active and not suppressed;
