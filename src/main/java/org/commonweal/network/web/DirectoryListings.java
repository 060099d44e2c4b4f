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
    private final DirectoryCounts counts;

    DirectoryListings(JdbcTemplate jdbc, TransactionTemplate tx, DirectoryCounts counts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.counts = counts;
    }

    record DoctorListing(
            String roleId,
            String practitionerId,
            String name,
            String specialty,
            String gender,
            List<String> languages,
            String accepting,
            boolean telehealth,
            String locationId,
            String locationName,
            String address,
            String phone,
            String group,
            Double miles,
            LocalDate verifiedOn) {}

    /**
     * One office of a provider: a location with every plan the provider takes there (one role per network in the
     * directory, one line on the card), nearest first near a place.
     */
    record Office(
            String locationId,
            String name,
            String address,
            String phone,
            String hours,
            String group,
            List<String> networkIds,
            String accepting,
            boolean telehealth,
            Double miles,
            Double latitude,
            Double longitude,
            List<String> accessibility) {}

    /** One search result: a provider with every office that matches the search. */
    record ProviderCard(
            String practitionerId,
            String name,
            String specialty,
            List<String> languages,
            String accepting,
            boolean telehealth,
            Double miles,
            LocalDate verifiedOn,
            List<Office> offices) {}

    record FacilityListing(
            String locationId,
            String name,
            String kind,
            String address,
            String phone,
            String hours,
            List<String> accessibility,
            Double miles,
            LocalDate verifiedOn) {}

    /** One page of listings and how many listings the whole search has. */
    record Page<T>(List<T> items, boolean hasNext, long total) {}

    /** One matching role with what the listing shows of it, before its location is looked up. */
    private record Hit(
            String roleId,
            String practitionerId,
            String locationId,
            String organizationId,
            String name,
            String specialty,
            String gender,
            List<String> languages,
            String accepting,
            boolean telehealth,
            Double miles,
            LocalDate verifiedOn) {}

    /**
     * Doctors: one card per practitioner with every office that matches (however many networks and locations the
     * roles are in). Near a
     * place, the roles are read nearest first from the GiST index on the role's own copy of its location's point
     * ({@code loc_earth}, with the specialty when one is asked for) and the scan stops after the page; otherwise
     * the page is chosen from roles and practitioners alone. Only the page's roles are joined to their locations.
     */
    Page<ProviderCard> doctors(DirectoryQuery q, GeoPoint origin, List<String> specialtyCodes) {
        // conditions on the role and on the practitioner, kept apart for the practitioner-first plan below
        StringBuilder roleWhere = new StringBuilder(
                "r.active and not r.suppressed" + " and (r.period_end is null or r.period_end >= current_date)");
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
                        + " join network.practitioner p on p.id = r.practitioner_id where ")
                .append(roleWhere)
                .append(" and ")
                .append(practitionerWhere);
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
            total = count(
                    "select count(distinct r.practitioner_id)" + where
                            + " and ?::cube @> r.loc_earth and cube_distance(?::cube, r.loc_earth) <= ?",
                    q,
                    true,
                    countArgs);
        } else {
            total = count("select count(distinct r.practitioner_id)" + where, q, false, args);
            List<Object> all = new ArrayList<>(args);
            String page = " limit " + (DirectoryQuery.PAGE_SIZE + 1) + " offset " + q.page() * DirectoryQuery.PAGE_SIZE;
            String sql;
            if (q.name() != null) {
                // the few practitioners the trigram index finds for the name, then their roles
                String distinct = columns.replaceFirst("^select ", "select distinct on (r.practitioner_id) ");
                sql = "select * from (" + distinct + ", null::float8 miles" + where
                        + " order by r.practitioner_id, " + (acceptingFirst ? "(r.accepting = 'newpt') desc, " : "")
                        + "r.id) d order by "
                        + (acceptingFirst ? "(accepting = 'newpt') desc, " : "")
                        + ("name".equals(q.sort()) ? "" : "word_similarity(?, lower(given || ' ' || family)) desc, ")
                        + "family, given, role_id"
                        + page;
                if (!"name".equals(q.sort())) {
                    all.add(q.name().toLowerCase(Locale.ROOT));
                }
            } else {
                // practitioners in name order (practitioner_listing index), each with its first matching role (an
                // accepting one first when that is the sort); stops after the page instead of sorting every role
                sql = columns + ", null::float8 miles from network.practitioner p cross join lateral"
                        + " (select r.* from network.practitioner_role r where r.practitioner_id = p.id and "
                        + roleWhere + " order by " + (acceptingFirst ? "(r.accepting = 'newpt') desc, " : "")
                        + "r.id limit 1) r"
                        + " where " + practitionerWhere + " order by "
                        + (acceptingFirst ? "(r.accepting = 'newpt') desc, " : "") + "p.family, p.given, r.id" + page;
            }
            hits = inTransaction(q.name() != null, false, () -> jdbc.query(sql, DirectoryListings::hit, all.toArray()));
        }
        return page(cards(hits, roleWhere.toString(), roleArgs, origin), total);
    }

    /** How many listings (practitioner and location, or location) the whole search has. */
    private long count(String sql, DirectoryQuery q, boolean nearestFirst, List<Object> args) {
        // once per search, not once per page (DirectoryCounts)
        return counts.count(
                sql,
                args,
                () -> inTransaction(
                                q.name() != null,
                                nearestFirst,
                                () -> jdbc.query(sql, (rs, n) -> rs.getLong(1), args.toArray()))
                        .getFirst());
    }

    /**
     * The nearest roles first: an index scan of {@code loc_earth} bounded by the circle's box and ordered by the
     * cube distance, so it reads about a page of roles. The nearest role of a practitioner stands for the
     * practitioner (the card lists the others). Reads more only when duplicates or the page number ask for it.
     */
    private List<Hit> nearest(
            String columns, StringBuilder where, List<Object> args, GeoPoint origin, DirectoryQuery q, int wanted) {
        double metres = q.miles() * METRES_PER_MILE;
        EarthCube center = EarthCube.of(origin);
        String point = center.point();
        // nearest first, unless by name; accepting new patients first when asked, then nearest
        boolean byName = "name".equals(q.sort());
        String sql = columns + ", " + EarthCube.milesSql("cube_distance(?::cube, r.loc_earth)") + " miles"
                + where + " and ?::cube @> r.loc_earth and cube_distance(?::cube, r.loc_earth) <= ?"
                + " order by " + ("accepting".equals(q.sort()) ? "(r.accepting = 'newpt') desc, " : "")
                + (byName ? "" : "r.loc_earth <-> ?::cube, ") + "p.family, p.given, r.id limit ?";
        // about 1.6 roles per practitioner and location (one per network) and 1.2 locations per practitioner: three
        // rows per card wanted almost always fill the page in one query
        int limit = wanted * 3;
        while (true) {
            List<Object> all = new ArrayList<>(List.of(point));
            all.addAll(args);
            all.addAll(List.of(center.box(metres), point, EarthCube.chord(metres)));
            if (!byName) {
                all.add(point);
            }
            all.add(limit);
            List<Hit> rows =
                    inTransaction(q.name() != null, true, () -> jdbc.query(sql, DirectoryListings::hit, all.toArray()));
            List<Hit> listings = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Hit h : rows) {
                if (seen.add(h.practitionerId())) {
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
        return new Hit(
                rs.getString("role_id"),
                rs.getString("pid"),
                rs.getString("lid"),
                rs.getString("oid"),
                rs.getString("given") + " " + rs.getString("family")
                        + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")),
                rs.getString("specialty"),
                rs.getString("gender"),
                List.of((String[]) rs.getArray("languages").getArray()),
                rs.getString("accepting"),
                rs.getBoolean("telehealth"),
                (Double) rs.getObject("miles"),
                rs.getObject("verified_on", LocalDate.class));
    }

    /**
     * The page's providers with every office where one of their roles matches the search: one query for the whole
     * page, the roles of one location folded into one office with all their plans. Nearest office first near a
     * place; otherwise the office of the role that placed the provider on the page comes first.
     */
    private List<ProviderCard> cards(List<Hit> hits, String roleWhere, List<Object> roleArgs, GeoPoint origin) {
        if (hits.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String miles = "null::float8";
        if (origin != null) {
            miles = EarthCube.milesSql("cube_distance(?::cube, r.loc_earth)");
            args.add(EarthCube.of(origin).point());
        }
        args.addAll(roleArgs);
        args.add(hits.stream().map(Hit::practitionerId).distinct().toArray(String[]::new));
        java.util.Map<String, java.util.Map<String, Office>> byPractitioner = new java.util.HashMap<>();
        jdbc.query(
                "select r.practitioner_id, r.location_id, r.network_ids, r.accepting, r.telehealth, " + miles
                        + " miles, l.name, l.line, l.city, l.postal_code, l.phone, l.hours, o.name org_name, l.latitude,"
                        + " l.longitude, l.accessibility"
                        + " from network.practitioner_role r join network.location l on l.id = r.location_id"
                        + " left join network.organization o on o.id = r.organization_id"
                        + " where " + roleWhere + " and r.practitioner_id = any(?) order by r.practitioner_id, r.id",
                rs -> {
                    var offices = byPractitioner.computeIfAbsent(
                            rs.getString("practitioner_id"), k -> new java.util.LinkedHashMap<>());
                    String locationId = rs.getString("location_id");
                    Office row = new Office(
                            locationId,
                            rs.getString("name"),
                            rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                            rs.getString("phone"),
                            rs.getString("hours"),
                            rs.getString("org_name"),
                            List.of((String[]) rs.getArray("network_ids").getArray()),
                            rs.getString("accepting"),
                            rs.getBoolean("telehealth"),
                            (Double) rs.getObject("miles"),
                            (Double) rs.getObject("latitude"),
                            (Double) rs.getObject("longitude"),
                            List.of((String[]) rs.getArray("accessibility").getArray()));
                    offices.merge(locationId, row, DirectoryListings::samePlace);
                },
                args.toArray());
        List<ProviderCard> out = new ArrayList<>();
        for (Hit h : hits) {
            List<Office> offices = new ArrayList<>(byPractitioner
                    .getOrDefault(h.practitionerId(), java.util.Map.of())
                    .values());
            offices.sort(
                    origin != null
                            ? java.util.Comparator.comparing(o -> o.miles() == null ? Double.MAX_VALUE : o.miles())
                            : java.util.Comparator.comparing(
                                    o -> !o.locationId().equals(h.locationId())));
            out.add(new ProviderCard(
                    h.practitionerId(),
                    h.name(),
                    h.specialty(),
                    h.languages(),
                    h.accepting(),
                    h.telehealth(),
                    h.miles(),
                    h.verifiedOn(),
                    offices));
        }
        return out;
    }

    /** Two roles at one location: one office with the plans of both, accepting and video if either is. */
    static Office samePlace(Office a, Office b) {
        List<String> networks = new ArrayList<>(a.networkIds());
        b.networkIds().stream().filter(n -> !networks.contains(n)).forEach(networks::add);
        networks.sort(null);
        String accepting = "newpt".equals(a.accepting()) || "newpt".equals(b.accepting()) ? "newpt" : a.accepting();
        return new Office(
                a.locationId(),
                a.name(),
                a.address(),
                a.phone(),
                a.hours(),
                a.group() != null ? a.group() : b.group(),
                List.copyOf(networks),
                accepting,
                a.telehealth() || b.telehealth(),
                a.miles(),
                a.latitude(),
                a.longitude(),
                a.accessibility());
    }

    Page<FacilityListing> facilities(DirectoryQuery q, GeoPoint origin) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select l.id, l.name, o.kind, l.line, l.city, l.postal_code, l.phone, "
                + "l.hours, l.accessibility, l.verified_on");
        if (origin != null) {
            sql.append(", earth_distance(ll_to_earth(?, ?), ll_to_earth(l.latitude, l.longitude)) / ")
                    .append(METRES_PER_MILE)
                    .append(" miles");
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
        sql.append(" limit ")
                .append(DirectoryQuery.PAGE_SIZE + 1)
                .append(" offset ")
                .append(q.page() * DirectoryQuery.PAGE_SIZE);
        List<FacilityListing> rows = inTransaction(
                q.name() != null,
                origin != null,
                () -> jdbc.query(
                        sql.toString(),
                        (rs, n) -> new FacilityListing(
                                rs.getString("id"),
                                rs.getString("name"),
                                rs.getString("kind"),
                                rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                                rs.getString("phone"),
                                rs.getString("hours"),
                                List.of((String[]) rs.getArray("accessibility").getArray()),
                                (Double) rs.getObject("miles"),
                                rs.getObject("verified_on", LocalDate.class)),
                        args.toArray()));
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
            cached = new Hospitals(
                    jdbc.query(
                            "select id, name from network.organization where kind = 'hospital'"
                                    + " and active order by name",
                            (rs, n) -> new Option(rs.getString(1), rs.getString(2))),
                    System.nanoTime());
            hospitals = cached;
        }
        return cached.options();
    }

    private static final long HOSPITALS_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private record Hospitals(List<Option> options, long readAt) {}

    private volatile Hospitals hospitals;

    record Option(String value, String label) {}

    /**
     * A provider's page: every office once with all its plans, the specialties, the hospitals where the provider's
     * groups are affiliated (Plan-Net OrganizationAffiliation, role "hospital" or any affiliation whose primary
     * organization is a hospital) and, per office, the languages its staff speak (from the office's services).
     */
    record ProviderDetail(
            String id,
            String name,
            String npi,
            String gender,
            List<String> languages,
            String license,
            String board,
            LocalDate verifiedOn,
            String verifiedBy,
            List<String> specialties,
            List<Office> offices,
            List<String> hospitals,
            java.util.Map<String, List<String>> staffLanguages) {}

    Optional<ProviderDetail> provider(String id) {
        List<ProviderDetail> found = jdbc.query(
                "select * from network.practitioner where id = ? and not suppressed",
                (rs, n) -> new ProviderDetail(
                        rs.getString("id"),
                        rs.getString("given") + " " + rs.getString("family")
                                + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")),
                        rs.getString("npi"),
                        rs.getString("gender"),
                        List.of((String[]) rs.getArray("languages").getArray()),
                        rs.getString("license_number") == null
                                ? null
                                : rs.getString("license_state") + " " + rs.getString("license_number"),
                        rs.getString("board_name"),
                        rs.getObject("verified_on", LocalDate.class),
                        rs.getString("verified_by"),
                        List.of(),
                        List.of(),
                        List.of(),
                        java.util.Map.of()),
                id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> specialties = new ArrayList<>();
        java.util.Map<String, Office> offices = new java.util.LinkedHashMap<>();
        jdbc.query(
                "select r.specialty, r.accepting, r.telehealth, r.network_ids, l.id lid, l.name lname, l.line,"
                        + " l.city, l.postal_code, l.phone, l.hours, l.accessibility, o.name org_name from network.practitioner_role r"
                        + " join network.location l on l.id = r.location_id"
                        + " left join network.organization o on o.id = r.organization_id where r.practitioner_id = ?"
                        + " and r.active and not r.suppressed and (r.period_end is null or r.period_end >= current_date)"
                        + " order by r.id",
                rs -> {
                    if (!specialties.contains(rs.getString("specialty"))) {
                        specialties.add(rs.getString("specialty"));
                    }
                    Office office = new Office(
                            rs.getString("lid"),
                            rs.getString("lname"),
                            rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                            rs.getString("phone"),
                            rs.getString("hours"),
                            rs.getString("org_name"),
                            List.of((String[]) rs.getArray("network_ids").getArray()),
                            rs.getString("accepting"),
                            rs.getBoolean("telehealth"),
                            null,
                            null,
                            null,
                            List.of((String[]) rs.getArray("accessibility").getArray()));
                    offices.merge(office.locationId(), office, DirectoryListings::samePlace);
                },
                id);
        List<String> hospitals = jdbc.query(
                "select distinct h.name from network.practitioner_role r"
                        + " join network.organization_affiliation a on a.participating_organization_id = r.organization_id"
                        + " join network.organization h on h.id = a.primary_organization_id"
                        + " where r.practitioner_id = ? and r.active and not r.suppressed and a.active and h.active"
                        + " and h.kind = 'hospital' order by h.name",
                (rs, n) -> rs.getString(1),
                id);
        var p = found.getFirst();
        return Optional.of(new ProviderDetail(
                p.id(),
                p.name(),
                p.npi(),
                p.gender(),
                p.languages(),
                p.license(),
                p.board(),
                p.verifiedOn(),
                p.verifiedBy(),
                List.copyOf(specialties),
                List.copyOf(offices.values()),
                hospitals,
                staffLanguages(offices.keySet())));
    }

    /** The languages the staff of each office speak: those of the office's active healthcare services. */
    java.util.Map<String, List<String>> staffLanguages(java.util.Collection<String> locationIds) {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        if (locationIds.isEmpty()) {
            return out;
        }
        jdbc.query(
                "select l.id, array(select distinct x from network.healthcare_service s, unnest(s.languages) x"
                        + " where s.active and s.location_ids @> array[l.id] order by x) from unnest(?::text[]) l(id)",
                rs -> {
                    List<String> codes = List.of((String[]) rs.getArray(2).getArray());
                    if (!codes.isEmpty()) {
                        out.put(rs.getString(1), codes);
                    }
                },
                (Object) locationIds.toArray(String[]::new));
        return out;
    }

    record LocationDetail(
            FacilityListing location, String organization, List<DoctorListing> doctors, List<String> staffLanguages) {}

    Optional<LocationDetail> location(String id) {
        List<FacilityListing> found = jdbc.query(
                "select l.*, o.kind, o.name org_name from network.location l"
                        + " left join network.organization o on o.id = l.organization_id where l.id = ? and l.active",
                (rs, n) -> new FacilityListing(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("kind"),
                        rs.getString("line") + ", " + rs.getString("city") + " " + rs.getString("postal_code"),
                        rs.getString("phone"),
                        rs.getString("hours"),
                        List.of((String[]) rs.getArray("accessibility").getArray()),
                        null,
                        rs.getObject("verified_on", LocalDate.class)),
                id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String org = jdbc.query(
                "select o.name from network.location l join network.organization o"
                        + " on o.id = l.organization_id where l.id = ?",
                rs -> rs.next() ? rs.getString(1) : null,
                id);
        // one line per provider, however many plans the provider takes here (one role per network)
        List<DoctorListing> doctors = jdbc.query(
                "select distinct on (p.family, p.given, p.id) r.id role_id,"
                        + " p.id pid, p.given, p.family, p.suffix, r.specialty, r.accepting, r.telehealth, r.verified_on"
                        + " from network.practitioner_role r join network.practitioner p on p.id = r.practitioner_id"
                        + " where r.location_id = ? and r.active and not r.suppressed and not p.suppressed"
                        + " order by p.family, p.given, p.id, (r.accepting = 'newpt') desc, r.id limit 200",
                (rs, n) -> new DoctorListing(
                        rs.getString("role_id"),
                        rs.getString("pid"),
                        rs.getString("given") + " " + rs.getString("family")
                                + (rs.getString("suffix") == null ? "" : ", " + rs.getString("suffix")),
                        rs.getString("specialty"),
                        null,
                        List.of(),
                        rs.getString("accepting"),
                        rs.getBoolean("telehealth"),
                        id,
                        null,
                        null,
                        null,
                        null,
                        null,
                        rs.getObject("verified_on", LocalDate.class)),
                id);
        return Optional.of(new LocationDetail(
                found.getFirst(), org, doctors, staffLanguages(List.of(id)).getOrDefault(id, List.of())));
    }

    /**
     * Runs a search in a transaction when it needs settings of its own: the name threshold (so the GIN trigram index
     * answers {@code <%}; sequential scans off because the planner overrates them for common surnames) and, for
     * nearest-first searches, bitmap scans off (the planner misjudges the {@code earth_box} condition and would read
     * and sort the whole circle instead of walking the GiST index in distance order).
     */
    private <T> List<T> inTransaction(
            boolean fuzzyName, boolean nearestFirst, java.util.function.Supplier<List<T>> query) {
        if (!fuzzyName && !nearestFirst) {
            return query.get();
        }
        return tx.execute(status -> {
            if (fuzzyName) {
                jdbc.queryForObject(
                        "select set_config('pg_trgm.word_similarity_threshold', ?, true)",
                        String.class,
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
        sql.append(" and earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(")
                .append(alias)
                .append(".latitude, ")
                .append(alias)
                .append(".longitude) and earth_distance(ll_to_earth(?, ?), ll_to_earth(")
                .append(alias)
                .append(".latitude, ")
                .append(alias)
                .append(".longitude)) <= ?");
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
