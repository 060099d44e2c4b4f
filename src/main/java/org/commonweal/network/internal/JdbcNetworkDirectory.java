package org.commonweal.network.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.commonweal.network.NetworkDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
class JdbcNetworkDirectory implements NetworkDirectory {

    private final JdbcTemplate jdbc;

    JdbcNetworkDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public java.util.Map<String, DirectoryProvider> providersByNpi(java.util.Collection<String> npis) {
        var found = new java.util.HashMap<String, DirectoryProvider>();
        var wanted = wellFormed(npis);
        if (wanted.length == 0) return found;
        jdbc.query(
                """
                select distinct on (npi) npi, id, given || ' ' || family || coalesce(', ' || suffix, '')
                  from network.practitioner where npi = any(?) order by npi, active desc, id""",
                rs -> {
                    found.put(
                            rs.getString(1),
                            new DirectoryProvider(rs.getString(1), "Practitioner", rs.getString(2), rs.getString(3)));
                },
                (Object) wanted);
        jdbc.query(
                """
                select distinct on (npi) npi, id, name from network.organization
                 where npi = any(?) and type_code not in ('ntwk', 'payer') order by npi, active desc, id""",
                rs -> {
                    found.putIfAbsent(
                            rs.getString(1),
                            new DirectoryProvider(rs.getString(1), "Organization", rs.getString(2), rs.getString(3)));
                },
                (Object) wanted);
        return found;
    }

    /** The distinct 10-digit NPIs of {@code npis}: nothing else can name a directory entry. */
    private static String[] wellFormed(java.util.Collection<String> npis) {
        return npis.stream()
                .filter(n -> n != null && n.matches("\\d{10}"))
                .distinct()
                .toArray(String[]::new);
    }

    @Override
    public java.util.Optional<PractitionerContact> practitionerByNpi(String npi) {
        return java.util.Optional.ofNullable(listedPractitionersByNpi(java.util.List.of(npi == null ? "" : npi))
                        .get(npi))
                .map(ListedPractitioner::contact);
    }

    @Override
    public java.util.Map<String, ListedPractitioner> listedPractitionersByNpi(java.util.Collection<String> npis) {
        var found = new java.util.HashMap<String, ListedPractitioner>();
        var wanted = wellFormed(npis);
        if (wanted.length == 0) return found;
        var catalog = org.commonweal.network.Specialties.catalog();
        // every listed role, the one practitionerByNpi picks first for each NPI
        jdbc.query(
                """
                select p.npi, p.id, p.given || ' ' || p.family || coalesce(', ' || p.suffix, ''), l.name,
                       l.line || ', ' || l.city || ' ' || l.postal_code, l.phone, l.hours, o.name, r.specialty
                  from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                  join network.location l on l.id = r.location_id
                  left join network.organization o on o.id = r.organization_id
                 where p.npi = any(?) and p.active and not p.suppressed and r.active and not r.suppressed and l.active
                 order by p.npi, (r.accepting = 'newpt') desc, r.id""",
                rs -> {
                    var npi = rs.getString(1);
                    boolean primaryCare = catalog.byCode(rs.getString(9))
                            .map(s -> "pcp".equals(s.group()))
                            .orElse(false);
                    var first = found.get(npi);
                    if (first == null) {
                        found.put(
                                npi,
                                new ListedPractitioner(
                                        npi,
                                        new PractitionerContact(
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getString(6),
                                                rs.getString(7),
                                                rs.getString(8)),
                                        primaryCare));
                    } else if (primaryCare && !first.primaryCare()) {
                        found.put(npi, new ListedPractitioner(npi, first.contact(), true));
                    }
                },
                (Object) wanted);
        return found;
    }

    @Override
    public java.util.Optional<PractitionerOffice> practitionerOffice(String practitionerId, String locationId) {
        record Role(
                String npi,
                String name,
                String locationName,
                String phone,
                String group,
                String specialty,
                String accepting,
                String productLine) {}
        List<Role> roles = jdbc.query(
                """
                select p.npi, p.given || ' ' || p.family || coalesce(', ' || p.suffix, ''), l.name, l.phone, o.name,
                       r.specialty, r.accepting, n.product_line
                  from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                  join network.location l on l.id = r.location_id
                  left join network.organization o on o.id = r.organization_id
                  left join network.organization n on n.id = any(r.network_ids) and n.type_code = 'ntwk' and n.active
                 where p.id = ? and r.location_id = ? and p.active and not p.suppressed and r.active
                   and not r.suppressed and l.active and (r.period_end is null or r.period_end >= current_date)
                 order by r.id""",
                (rs, n) -> new Role(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)),
                practitionerId,
                locationId);
        if (roles.isEmpty()) {
            return java.util.Optional.empty();
        }
        Role first = roles.getFirst();
        var catalog = org.commonweal.network.Specialties.catalog();
        return java.util.Optional.of(new PractitionerOffice(
                practitionerId,
                first.npi(),
                first.name(),
                locationId,
                first.locationName(),
                first.phone(),
                roles.stream()
                        .map(Role::group)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null),
                roles.stream()
                        .map(Role::productLine)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .sorted()
                        .toList(),
                roles.stream()
                        .anyMatch(r -> catalog.byCode(r.specialty())
                                .map(s -> "pcp".equals(s.group()))
                                .orElse(false)),
                roles.stream().anyMatch(r -> "newpt".equals(r.accepting()))));
    }

    @Override
    public List<NetworkInfo> networks() {
        return jdbc.query(
                "select id, name, product_line from network.organization where type_code = 'ntwk' "
                        + "and active order by id",
                (rs, n) -> new NetworkInfo(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    @Override
    public void forEachServiceLocation(
            String productLine, Set<String> taxonomyCodes, Consumer<ServiceLocation> consumer) {
        String[] codes = taxonomyCodes.toArray(String[]::new);
        boolean all = codes.length == 0;
        String networks =
                "(select array_agg(id) from network.organization where type_code = 'ntwk' " + "and product_line = ?)";
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                    select r.location_id, 'practitioner', r.practitioner_id, r.specialty, l.latitude, l.longitude,
                           l.postal_code, r.accepting = 'newpt'
                      from network.practitioner_role r
                      join network.location l on l.id = r.location_id
                      join network.practitioner p on p.id = r.practitioner_id
                     where r.network_ids && %1$s and r.active and p.active and not p.suppressed
                       and (r.period_end is null or r.period_end >= current_date)
                       and l.latitude is not null and (? or r.specialty = any(?))
                    union all
                    select l.id, 'organization', o.id, o.taxonomy_code, l.latitude, l.longitude, l.postal_code, true
                      from network.organization_affiliation a
                      join network.organization o on o.id = a.participating_organization_id
                      join network.location l on l.id = any(a.location_ids)
                     where a.network_ids && %1$s and a.active and o.active and o.taxonomy_code is not null
                       and l.latitude is not null and (? or o.taxonomy_code = any(?))
                    """.formatted(networks));
                    ps.setString(1, productLine);
                    ps.setBoolean(2, all);
                    ps.setArray(3, con.createArrayOf("text", codes));
                    ps.setString(4, productLine);
                    ps.setBoolean(5, all);
                    ps.setArray(6, con.createArrayOf("text", codes));
                    ps.setFetchSize(5000);
                    return ps;
                },
                rs -> {
                    consumer.accept(new ServiceLocation(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getDouble(5),
                            rs.getDouble(6),
                            rs.getString(7),
                            rs.getBoolean(8)));
                });
    }

    @Override
    public DirectoryCounts counts() {
        return jdbc.queryForObject(
                """
                select (select count(*) from network.practitioner), (select count(*) from network.practitioner_role),
                       (select count(*) from network.location), (select count(*) from network.organization
                        where type_code <> 'ntwk'), (select count(*) from network.organization where type_code = 'ntwk')
                """,
                (rs, n) ->
                        new DirectoryCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }
}
