package org.commonweal.network.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.commonweal.geography.GeoPoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public directory's searches: in-network doctors by role and location, or facilities by location, nearest
 * first when a place is given (GiST index on {@code ll_to_earth}), names matched with pg_trgm so typos still find
 * the doctor. Hidden (SB 137 suppressed) entries are never listed.
 */
@Component
class DirectoryListings {

    static final double METRES_PER_MILE = GeoPoint.METRES_PER_MILE;
    /** Word similarity needed for a name match: low enough for one or two typos in a surname. */
    static final String NAME_THRESHOLD = "0.35";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    DirectoryListings(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    record DoctorListing(String roleId, String practitionerId, String name, String specialty, String gender,
            List<String> languages, String accepting, boolean telehealth, String locationId, String locationName,
            String address, String phone, String group, Double miles, LocalDate verifiedOn) {
    }

    record FacilityListing(String locationId, String name, String kind, String address, String phone, String hours,
            List<String> accessibility, Double miles, LocalDate verifiedOn) {
    }

    /** One page of listings and how many listings the whole search has. */
    record Page<T>(List<T> items, boolean hasNext, long total) {
    }

    /** One matching role with what the listing shows of it, before its location is looked up. */
    private record Hit(String roleId, String practitionerId, String locationId, String organizationId, String name,
            String specialty, String gender, List<String> languages, String accepting, boolean telehealth,
            Double miles, LocalDate verifiedOn) {
    }

    /**
     * Doctors: one listing per practitioner and location (however many networks the roles there are in). Near a
     * place, the roles are read nearest first from the GiST index on the role's own copy of its location's point
     * ({@code loc_earth}, with the specialty when one is asked for) and the scan stops after the page; otherwise
     * the page is chosen from roles and practitioners alone. Only the page's roles are joined to their locations.
     */
    Page<DoctorListing> doctors(DirectoryQuery q, GeoPoint origin, List<String> specialtyCodes) {
        // conditions on the role and on the practitioner, kept apart for the practitioner-first plan below
        StringBuilder roleWhere = new StringBuilder("r.active and not r.suppressed"
                + " and (r.period_end is null or r.period_end >= current_date)");
        List<Object> roleArgs = new ArrayList<>();
        StringBuilder practitionerWhere = new StringBuilder("p.active and not p.suppressed");
        List<Object> practitionerArgs = new ArrayList<>();
        if (specialtyCodes != null) {
            if (specialtyCodes.size() == 1) {
                // a plain equality lets the (specialty, loc_earth) GiST index answer both conditions
                roleWhere.append(" and r.specialty = ?");
                roleArgs.add(specialtyCodes.getFirst());
            } else {
                roleWhere.append(" and r.specialty = any(?)");
                roleArgs.add(specialtyCodes.toArray(String[]::new));
            }
        }
        if (q.name() != null) {
            practitionerWhere.append(" and ? <% lower(p.given || ' ' || p.family)");
            practitionerArgs.add(q.name().toLowerCase(Locale.ROOT));
        }
        if (q.language() != null) {
            practitionerWhere.append(" and p.languages @> array[?]::text[]");
            practitionerArgs.add(q.language());
        }
        if (q.gender() != null) {
            practitionerWhere.append(" and p.gender = ?");
            practitionerArgs.add(q.gender());
        }
        if (q.accepting()) {
            roleWhere.append(" and r.accepting = 'newpt'");
        }
        if (q.productLine() != null) {
            roleWhere.append(" and r.network_ids && array(select id from network.organization where type_code = 'ntwk'"
                    + " and product_line = ?)");
            roleArgs.add(q.productLine());
        }
        if (q.hospital() != null) {
            roleWhere.append(" and r.organization_id in (select participating_organization_id"
                    + " from network.organization_affiliation where primary_organization_id = ? and active)");
            roleArgs.add(q.hospital());
        }
        if (q.accessible()) {
            roleWhere.append(" and exists (select 1 from network.location l where l.id = r.location_id"
                    + " and l.accessibility @> array['handiaccess'])");
        }
        if (q.telehealth()) {
            roleWhere.append(" and r.telehealth");
        }
        StringBuilder where = new StringBuilder(" from network.practitioner_role r"
                + " join network.practitioner p on p.id = r.practitioner_id where ").append(roleWhere)
                .append(" and ").append(practitionerWhere);
        List<Object> args = new ArrayList<>(roleArgs);
        args.addAll(practitionerArgs);
        String columns = "select r.id role_id, p.id pid, r.location_id lid, r.organization_id oid, p.given, p.family,"
                + " p.suffix, p.gender, p.languages, r.specialty, r.accepting, r.telehealth,"
                + " least(p.verified_on, r.verified_on) verified_on";
        int wanted = q.page() * DirectoryQuery.PAGE_SIZE + DirectoryQuery.PAGE_SIZE + 1;
        boolean acceptingFirst = "accepting".equals(q.sort());
        List<Hit> hits;
        long total;
        if (origin != null) {
            hits = nearest(columns, where, args, origin, q, wanted);
            double metres = q.miles() * METRES_PER_MILE;
            EarthCube center = EarthCube.of(origin);
            List<Object> countArgs = new ArrayList<>(args);
            countArgs.addAll(List.of(center.box(metres), center.point(), EarthCube.chord(metres)));
            total = count("select count(*) from (select distinct r.practitioner_id, r.location_id" + where
                    + " and ?::cube @> r.loc_earth and cube_distance(?::cube, r.loc_earth) <= ?) c", q, true,
                    countArgs);
        } else {
            total = count("select count(*) from (select distinct r.practitioner_id, r.location_id" + where + ") c",
                    q, false, args);
            List<Object> all = new ArrayList<>(args);
            String page = " limit " + (DirectoryQuery.PAGE_SIZE + 1) + " offset "
                    + q.page() * DirectoryQuery.PAGE_SIZE;
            String sql;
            if (q.name() != null) {
                // the few practitioners the trigram index finds for the name, then their roles
                String distinct = columns.replaceFirst("^select ",
                        "select distinct on (r.practitioner_id, r.location_id) ");
                sql = "select * from (" + distinct + ", null::float8 miles" + where
                        + " order by r.practitioner_id, r.location_id, r.id) d order by "
                        + (acceptingFirst ? "(accepting = 'newpt') desc, " : "")
                        + ("name".equals(q.sort()) ? "" : "word_similarity(?, lower(given || ' ' || family)) desc, ")
                        + "family, given, role_id"
                        + page;
                if (!"name".equals(q.sort())) {
                    all.add(q.name().toLowerCase(Locale.ROOT));
                }
            } else {
                // practitioners in name order (practitioner_listing index), each with its first matching role per
                // location; stops after the page instead of sorting every matching role
                sql = columns + ", null::float8 miles from network.practitioner p cross join lateral"
                        + " (select distinct on (r.location_id) r.* from network.practitioner_role r"
                        + " where r.practitioner_id = p.id and " + roleWhere + " order by r.location_id, r.id) r"
                        + " where " + practitionerWhere + " order by "
                        + (acceptingFirst ? "(r.accepting = 'newpt') desc, " : "") + "p.family, p.given, r.id" + page;
            }
            hits = inTransaction(q.name() != null, false, () -> jdbc.query(sql, DirectoryListings::hit,
                    all.toArray()));
        }
        return page(decorate(hits), total);
    }

    /** How many listings (practitioner and location, or location) the whole search has. */
    private long count(String sql, DirectoryQuery q, boolean nearestFirst, List<Object> args) {
        return inTransaction(q.name() != null, nearestFirst,
                () -> jdbc.query(sql, (rs, n) -> rs.getLong(1), args.toArray())).getFirst();
    }

    /**
     * The nearest roles first: an index scan of {@code loc_earth} bounded by the circle's box and ordered by the
     * cube distance, so it reads about a page of roles. Roles of one practitioner at one location (one per network)
     * have the same distance and come together; the first stands for them. Reads more only when duplicates or the
     * page number ask for it.
     */
    private List<Hit> nearest(String columns, StringBuilder where, List<Object> args, GeoPoint origin,
            DirectoryQuery q, int wanted) {
        double metres = q.miles() * METRES_PER_MILE;
        EarthCube center = EarthCube.of(origin);
        String point = center.point();
        // nearest first, unless by name; accepting new patients first when asked, then nearest
        boolean byName = "name".equals(q.sort());
        String sql = columns + ", " + EarthCube.milesSql("cube_distance(?::cube, r.loc_earth)") + " miles"
                + where + " and ?::cube @> r.loc_earth and cube_distance(?::cube, r.loc_earth) <= ?"
                + " order by " + ("accepting".equals(q.sort()) ? "(r.accepting = 'newpt') desc, " : "")
                + (byName ? "" : "r.loc_earth <-> ?::cube, ") + "p.family, p.given, r.id limit ?";
        // 1.6 roles per practitioner and location on average (one per network): three rows per listing wanted
        // almost always fill the page in one query
        int limit = wanted * 3;
        while (true) {
            List<Object> all = new ArrayList<>(List.of(point));
            all.addAll(args);
            all.addAll(List.of(center.box(metres), point, EarthCube.chord(metres)));
            if (!byName) {
                all.add(point);
            }
            all.add(limit);
            List<Hit> rows = inTransaction(q.name() != null, true, () -> jdbc.query(sql, DirectoryListings::hit,
                    all.toArray()));
            List<Hit> listings = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Hit h : rows) {
                if (seen.add(h.practitionerId() + "|" + h.locationId())) {
                    listings.add(h);
                }
            }
            if (listings.size() >= wanted || rows.size() < limit) {
                int from = Math.min(listings.size(), q.page() * DirectoryQuery.PAGE_SIZE);
                return listings.subList(from, Math.min(listings.size(), wanted));
            }
            limit *= 4;
        }
    }

    private static Hit hit(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Hit(rs.getString("role_id"), rs.getString("pid"), rs.getString("lid"), rs.getString("oid"),
                rs.getString("given") + " " + rs.getString("family")
                        + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")),
                rs.getString("specialty"), rs.getString("gender"),
                List.of((String[]) rs.getArray("languages").getArray()), rs.getString("accepting"),
                rs.getBoolean("telehealth"), (Double) rs.getObject("miles"),
                rs.getObject("verified_on", LocalDate.class));
    }

    /** The page's locations and groups, in one query for the whole page. */
    private List<DoctorListing> decorate(List<Hit> hits) {
        if (hits.isEmpty()) {
            return List.of();
        }
        record Place(String name, String address, String phone) {
        }
        java.util.Map<String, Place> places = new java.util.HashMap<>();
        jdbc.query("select l.id, l.name, l.line, l.city, l.postal_code, l.phone from network.location l"
                + " where l.id = any(?)", rs -> {
                    places.put(rs.getString(1), new Place(rs.getString(2), rs.getString(3) + ", " + rs.getString(4)
                            + " " + rs.getString(5), rs.getString(6)));
                }, (Object) hits.stream().map(Hit::locationId).distinct().toArray(String[]::new));
        java.util.Map<String, String> groups = new java.util.HashMap<>();
        jdbc.query("select id, name from network.organization where id = any(?)",
                rs -> {
                    groups.put(rs.getString(1), rs.getString(2));
                }, (Object) hits.stream().map(Hit::organizationId).filter(java.util.Objects::nonNull).distinct()
                        .toArray(String[]::new));
        List<DoctorListing> out = new ArrayList<>();
        for (Hit h : hits) {
            Place place = places.getOrDefault(h.locationId(), new Place(null, null, null));
            out.add(new DoctorListing(h.roleId(), h.practitionerId(), h.name(), h.specialty(), h.gender(),
                    h.languages(), h.accepting(), h.telehealth(), h.locationId(), place.name(), place.address(),
                    place.phone(), h.organizationId() == null ? null : groups.get(h.organizationId()), h.miles(),
                    h.verifiedOn()));
        }
        return out;
    }

    Page<FacilityListing> facilities(DirectoryQuery q, GeoPoint origin) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select l.id, l.name, o.kind, l.line, l.city, l.postal_code, l.phone, "
                + "l.hours, l.accessibility, l.verified_on");
        if (origin != null) {
            sql.append(", earth_distance(ll_to_earth(?, ?), ll_to_earth(l.latitude, l.longitude)) / ")
                    .append(METRES_PER_MILE).append(" miles");
            args.add(origin.latitude());
            args.add(origin.longitude());
        } else {
            sql.append(", null::float8 miles");
        }
        int selectArgs = args.size();
        int from = sql.length();
        sql.append(" from network.location l join network.organization o on o.id = l.organization_id"
                + " where l.active and o.active and o.kind = ?");
        args.add(q.kind());
        near(sql, args, origin, q.miles(), "l");
        if (q.name() != null) {
            sql.append(" and ? <% lower(l.name)");
            args.add(q.name().toLowerCase(Locale.ROOT));
        }
        if (q.productLine() != null) {
            sql.append(" and exists (select 1 from network.organization_affiliation a where"
                    + " a.participating_organization_id = o.id and a.active and a.network_ids && array(select id"
                    + " from network.organization where type_code = 'ntwk' and product_line = ?))");
            args.add(q.productLine());
        }
        if (q.accessible()) {
            sql.append(" and l.accessibility @> array['handiaccess']");
        }
        String countSql = "select count(*)" + sql.substring(from);
        List<Object> countArgs = List.copyOf(args.subList(selectArgs, args.size()));
        long total = count(countSql, q, origin != null, countArgs);
        if (origin != null && "name".equals(q.sort())) {
            sql.append(" order by l.name, l.id");
        } else if (origin != null) {
            // the cube distance orders like the great-circle one and lets the GiST index return nearest first
            sql.append(" order by ll_to_earth(l.latitude, l.longitude) <-> ll_to_earth(?, ?), l.name, l.id");
            args.add(origin.latitude());
            args.add(origin.longitude());
        } else if (q.name() != null && !"name".equals(q.sort())) {
            sql.append(" order by word_similarity(?, lower(l.name)) desc, l.name, l.id");
            args.add(q.name().toLowerCase(Locale.ROOT));
        } else {
            sql.append(" order by l.name, l.id");
        }
        sql.append(" limit ").append(DirectoryQuery.PAGE_SIZE + 1).append(" offset ")
                .append(q.page() * DirectoryQuery.PAGE_SIZE);
        List<FacilityListing> rows = inTransaction(q.name() != null, origin != null, () -> jdbc.query(sql.toString(), (rs, n) ->
                new FacilityListing(rs.getString("id"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                        rs.getString("phone"), rs.getString("hours"),
                        List.of((String[]) rs.getArray("accessibility").getArray()), (Double) rs.getObject("miles"),
                        rs.getObject("verified_on", LocalDate.class)), args.toArray()));
        return page(rows, total);
    }

    /**
     * Hospitals for the affiliation filter, read at most once a minute: the list is on every full search page, and
     * its query was the largest database wait of a Find a Doctor search (2 ms of 4.5 ms, JFR socket reads on a busy
     * machine). A renamed or added hospital shows in the filter within a minute.
     */
    List<Option> hospitals() {
        var cached = hospitals;
        if (cached == null || cached.readAt() < System.nanoTime() - HOSPITALS_TTL_NANOS) {
            cached = new Hospitals(jdbc.query("select id, name from network.organization where kind = 'hospital'"
                    + " and active order by name", (rs, n) -> new Option(rs.getString(1), rs.getString(2))),
                    System.nanoTime());
            hospitals = cached;
        }
        return cached.options();
    }

    private static final long HOSPITALS_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private record Hospitals(List<Option> options, long readAt) {
    }

    private volatile Hospitals hospitals;

    record Option(String value, String label) {
    }

    record ProviderDetail(String id, String name, String npi, String gender, List<String> languages, String license,
            String board, LocalDate verifiedOn, String verifiedBy, List<DoctorListing> roles,
            java.util.Map<String, String> hoursByLocation) {
    }

    Optional<ProviderDetail> provider(String id) {
        List<ProviderDetail> found = jdbc.query("select * from network.practitioner where id = ? and not suppressed",
                (rs, n) -> new ProviderDetail(rs.getString("id"), rs.getString("given") + " " + rs.getString("family")
                        + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")), rs.getString("npi"),
                        rs.getString("gender"), List.of((String[]) rs.getArray("languages").getArray()),
                        rs.getString("license_number") == null ? null
                                : rs.getString("license_state") + " " + rs.getString("license_number"),
                        rs.getString("board_name"), rs.getObject("verified_on", LocalDate.class),
                        rs.getString("verified_by"), List.of(), java.util.Map.of()), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<String, String> hours = new java.util.HashMap<>();
        List<DoctorListing> roles = jdbc.query("select r.id role_id, r.specialty, r.accepting, r.telehealth, l.id lid,"
                + " l.name lname, l.line, l.city, l.postal_code, l.phone, l.hours, o.name org_name, r.verified_on,"
                + " r.network_ids from network.practitioner_role r join network.location l on l.id = r.location_id"
                + " left join network.organization o on o.id = r.organization_id where r.practitioner_id = ?"
                + " and r.active and not r.suppressed order by r.id", (rs, n) -> {
                    if (rs.getString("hours") != null) {
                        hours.put(rs.getString("lid"), rs.getString("hours"));
                    }
                    return new DoctorListing(
                        rs.getString("role_id"), id, found.getFirst().name(), rs.getString("specialty"), null,
                        List.of((String[]) rs.getArray("network_ids").getArray()), rs.getString("accepting"),
                        rs.getBoolean("telehealth"), rs.getString("lid"), rs.getString("lname"),
                        rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                        rs.getString("phone"), rs.getString("org_name"), null,
                        rs.getObject("verified_on", LocalDate.class));
                }, id);
        var p = found.getFirst();
        return Optional.of(new ProviderDetail(p.id(), p.name(), p.npi(), p.gender(), p.languages(), p.license(),
                p.board(), p.verifiedOn(), p.verifiedBy(), roles, hours));
    }

    record LocationDetail(FacilityListing location, String organization, List<DoctorListing> doctors) {
    }

    Optional<LocationDetail> location(String id) {
        List<FacilityListing> found = jdbc.query("select l.*, o.kind, o.name org_name from network.location l"
                + " left join network.organization o on o.id = l.organization_id where l.id = ? and l.active",
                (rs, n) -> new FacilityListing(rs.getString("id"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                        rs.getString("phone"), rs.getString("hours"),
                        List.of((String[]) rs.getArray("accessibility").getArray()), null,
                        rs.getObject("verified_on", LocalDate.class)), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String org = jdbc.query("select o.name from network.location l join network.organization o"
                + " on o.id = l.organization_id where l.id = ?", rs -> rs.next() ? rs.getString(1) : null, id);
        List<DoctorListing> doctors = jdbc.query("select r.id role_id, p.id pid, p.given, p.family, p.suffix,"
                + " r.specialty, r.accepting, r.telehealth, r.verified_on from network.practitioner_role r"
                + " join network.practitioner p on p.id = r.practitioner_id where r.location_id = ? and r.active"
                + " and not r.suppressed and not p.suppressed order by p.family, p.given limit 200",
                (rs, n) -> new DoctorListing(rs.getString("role_id"), rs.getString("pid"),
                        rs.getString("given") + " " + rs.getString("family")
                                + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")),
                        rs.getString("specialty"), null, List.of(), rs.getString("accepting"),
                        rs.getBoolean("telehealth"), id, null, null, null, null, null,
                        rs.getObject("verified_on", LocalDate.class)), id);
        return Optional.of(new LocationDetail(found.getFirst(), org, doctors));
    }

    /**
     * Runs a search in a transaction when it needs settings of its own: the name threshold (so the GIN trigram index
     * answers {@code <%}; sequential scans off because the planner overrates them for common surnames) and, for
     * nearest-first searches, bitmap scans off (the planner misjudges the {@code earth_box} condition and would read
     * and sort the whole circle instead of walking the GiST index in distance order).
     */
    private <T> List<T> inTransaction(boolean fuzzyName, boolean nearestFirst,
            java.util.function.Supplier<List<T>> query) {
        if (!fuzzyName && !nearestFirst) {
            return query.get();
        }
        return tx.execute(status -> {
            if (fuzzyName) {
                jdbc.queryForObject("select set_config('pg_trgm.word_similarity_threshold', ?, true)", String.class,
                        NAME_THRESHOLD);
                if (!nearestFirst) {
                    jdbc.execute("set local enable_seqscan = off");
                }
            }
            if (nearestFirst) {
                jdbc.execute("set local enable_bitmapscan = off");
            }
            return query.get();
        });
    }

    private static void near(StringBuilder sql, List<Object> args, GeoPoint origin, int miles, String alias) {
        if (origin == null) {
            return;
        }
        double metres = miles * METRES_PER_MILE;
        sql.append(" and earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(").append(alias).append(".latitude, ")
                .append(alias).append(".longitude) and earth_distance(ll_to_earth(?, ?), ll_to_earth(")
                .append(alias).append(".latitude, ").append(alias).append(".longitude)) <= ?");
        args.add(origin.latitude());
        args.add(origin.longitude());
        args.add(metres);
        args.add(origin.latitude());
        args.add(origin.longitude());
        args.add(metres);
    }

    private static <T> Page<T> page(List<T> rows, long total) {
        boolean more = rows.size() > DirectoryQuery.PAGE_SIZE;
        return new Page<>(more ? rows.subList(0, DirectoryQuery.PAGE_SIZE) : rows, more, total);
    }
}
