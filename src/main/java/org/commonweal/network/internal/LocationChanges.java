package org.commonweal.network.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.commonweal.network.LocationChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes {@link LocationChanged} for the writers of the directory: take a {@link Snapshot} of the locations a
 * change may touch, make the change, then {@link Snapshot#publishChanges()} in the same transaction; only locations
 * whose adequacy-relevant state differs are published.
 */
@Component
public class LocationChanges {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    LocationChanges(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The current state of these locations. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Snapshot locations(Collection<String> locationIds) {
        Set<String> ids = new LinkedHashSet<>(locationIds);
        ids.remove(null);
        return new Snapshot(ids, states(ids));
    }

    /** The current state of the locations where these practitioners have roles. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Snapshot practitioners(Collection<String> practitionerIds) {
        return locations(jdbc.queryForList(
                "select distinct location_id from network.practitioner_role"
                        + " where practitioner_id = any(?) and location_id is not null",
                String.class,
                (Object) practitionerIds.toArray(String[]::new)));
    }

    /** The locations of practitioner roles (their location now). */
    public List<String> locationsOfRoles(Collection<String> roleIds) {
        return jdbc.queryForList(
                "select distinct location_id from network.practitioner_role where id = any(?)"
                        + " and location_id is not null",
                String.class,
                (Object) roleIds.toArray(String[]::new));
    }

    /** The locations where these organizations are listed (their own locations and their affiliations'). */
    public List<String> locationsOfOrganizations(Collection<String> organizationIds) {
        String[] ids = organizationIds.toArray(String[]::new);
        return jdbc.queryForList(
                "select id from network.location where organization_id = any(?)"
                        + " union select unnest(location_ids) from network.organization_affiliation"
                        + " where participating_organization_id = any(?)",
                String.class,
                ids,
                ids);
    }

    /** The locations an affiliation lists now. */
    public List<String> locationsOfAffiliation(String affiliationId) {
        return jdbc.queryForList(
                "select unnest(location_ids) from network.organization_affiliation where id = ?",
                String.class,
                affiliationId);
    }

    /** The locations where a practitioner has roles now. */
    public List<String> locationsOfPractitioner(String practitionerId) {
        return jdbc.queryForList(
                "select distinct location_id from network.practitioner_role"
                        + " where practitioner_id = ? and location_id is not null",
                String.class,
                practitionerId);
    }

    private Map<String, LocationChanged> states(Set<String> ids) {
        Map<String, LocationChanged> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.query(
                """
                select u.id, l.latitude, l.longitude, coalesce(l.active, false) active,
                       array(select distinct n.product_line from network.practitioner_role r
                               join network.practitioner p on p.id = r.practitioner_id
                               join network.organization n on n.id = any(r.network_ids)
                              where r.location_id = u.id and r.active and not r.suppressed and p.active
                                and not p.suppressed and (r.period_end is null or r.period_end >= current_date)
                                and n.product_line is not null
                             union
                             select n.product_line from network.organization_affiliation a
                               join network.organization o on o.id = a.participating_organization_id
                               join network.organization n on n.id = any(a.network_ids)
                              where a.location_ids @> array[u.id] and a.active and o.active
                                and n.product_line is not null
                             order by 1) lines,
                       array(select r.specialty from network.practitioner_role r
                               join network.practitioner p on p.id = r.practitioner_id
                              where r.location_id = u.id and r.active and not r.suppressed and p.active
                                and not p.suppressed and (r.period_end is null or r.period_end >= current_date)
                                and cardinality(r.network_ids) > 0
                             union
                             select o.taxonomy_code from network.organization_affiliation a
                               join network.organization o on o.id = a.participating_organization_id
                              where a.location_ids @> array[u.id] and a.active and o.active
                                and cardinality(a.network_ids) > 0 and o.taxonomy_code is not null
                             order by 1) codes
                  from unnest(?::text[]) u(id) left join network.location l on l.id = u.id
                """,
                rs -> {
                    String id = rs.getString("id");
                    boolean exists = rs.getObject("latitude") != null || rs.getBoolean("active");
                    List<String> lines = List.of((String[]) rs.getArray("lines").getArray());
                    List<String> codes = List.of((String[]) rs.getArray("codes").getArray());
                    boolean removed = !rs.getBoolean("active") || lines.isEmpty();
                    Double latitude = exists ? (Double) rs.getObject("latitude") : null;
                    Double longitude = exists ? (Double) rs.getObject("longitude") : null;
                    states.put(
                            id,
                            removed
                                    ? new LocationChanged(id, List.of(), List.of(), latitude, longitude, true)
                                    : new LocationChanged(id, lines, codes, latitude, longitude, false));
                },
                (Object) ids.toArray(String[]::new));
        return states;
    }

    /** The state of some locations before a change. */
    public final class Snapshot {

        private final Set<String> ids;
        private final Map<String, LocationChanged> before;

        private Snapshot(Set<String> ids, Map<String, LocationChanged> before) {
            this.ids = ids;
            this.before = before;
        }

        /** Adds locations the change reaches that were not known before it (a role moved to a new location). */
        public Snapshot and(Collection<String> more) {
            Set<String> added = new LinkedHashSet<>(more);
            added.remove(null);
            added.removeAll(ids);
            if (added.isEmpty()) {
                return this;
            }
            Map<String, LocationChanged> all = new LinkedHashMap<>(before);
            all.putAll(states(added));
            Set<String> allIds = new LinkedHashSet<>(ids);
            allIds.addAll(added);
            return new Snapshot(allIds, all);
        }

        /** Publishes {@link LocationChanged} for every location whose state differs now; returns them. */
        public List<LocationChanged> publishChanges() {
            List<LocationChanged> published = new ArrayList<>();
            for (LocationChanged now : states(ids).values()) {
                if (!Objects.equals(before.get(now.locationId()), now)) {
                    events.publishEvent(now);
                    published.add(now);
                }
            }
            return published;
        }
    }
}
