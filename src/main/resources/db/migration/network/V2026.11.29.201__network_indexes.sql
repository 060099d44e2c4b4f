-- Search indexes. The demo generator drops nothing: at full scale it loads into these tables with COPY and
-- then runs ANALYZE (building them after the load was measured at under a quarter of the load time).
create index practitioner_family on network.practitioner (lower(family) text_pattern_ops);
create index practitioner_given on network.practitioner (lower(given) text_pattern_ops);
create index practitioner_name_trgm on network.practitioner using gin ((lower(given || ' ' || family)) gin_trgm_ops);
create index practitioner_npi on network.practitioner (npi);
create index practitioner_last_updated on network.practitioner (last_updated);

create index organization_name on network.organization (lower(name) text_pattern_ops);
create index organization_name_trgm on network.organization using gin (lower(name) gin_trgm_ops);
create index organization_type on network.organization (type_code, id);
create index organization_kind on network.organization (kind, id);
create index organization_part_of on network.organization (part_of);
create index organization_last_updated on network.organization (last_updated);

create index location_earth on network.location using gist (ll_to_earth(latitude, longitude));
create index location_postal on network.location (lower(postal_code) text_pattern_ops);
create index location_city on network.location (lower(city) text_pattern_ops);
create index location_org on network.location (organization_id);
create index location_name_trgm on network.location using gin (lower(name) gin_trgm_ops);
create index location_last_updated on network.location (last_updated);

create index role_practitioner on network.practitioner_role (practitioner_id);
create index role_organization on network.practitioner_role (organization_id);
create index role_location on network.practitioner_role (location_id);
create index role_specialty on network.practitioner_role (specialty, id);
create index role_networks on network.practitioner_role using gin (network_ids);
create index role_services on network.practitioner_role using gin (service_ids);
create index role_last_updated on network.practitioner_role (last_updated);

create index service_org on network.healthcare_service (organization_id);
create index service_locations on network.healthcare_service using gin (location_ids);
create index affiliation_primary on network.organization_affiliation (primary_organization_id);
create index affiliation_participating on network.organization_affiliation (participating_organization_id);
create index affiliation_networks on network.organization_affiliation using gin (network_ids);
create index affiliation_locations on network.organization_affiliation using gin (location_ids);
create index endpoint_org on network.endpoint (organization_id);
