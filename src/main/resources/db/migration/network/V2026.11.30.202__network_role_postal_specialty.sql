-- PractitionerRole?specialty=…&network=…&location.address-postalcode=…: with the postal code alone the planner
-- ANDed three bitmaps (postal code, 68,000 roles of the network, 16,000 of the specialty), 51 ms at full scale;
-- with the specialty in the same btree it reads the ~175 roles of that ZIP and specialty, 1 ms.
create index if not exists role_postal_specialty on network.practitioner_role
    (lower(loc_postal_code) text_pattern_ops, specialty);
drop index if exists network.role_postal;
