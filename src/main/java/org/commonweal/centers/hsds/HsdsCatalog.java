package org.commonweal.centers.hsds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.commonweal.centers.Center;
import org.commonweal.centers.schedule.RecurrenceRule;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.geography.Geography;
import org.commonweal.platform.PlanIdentity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The centers in Open Referral HSDS 3.0 shape: one organization (the centers' joint operators), a service per program,
 * a location per center, a service_at_location where a center offers the program's category, and schedules as RFC 5545
 * parts (class series, or the center's opening hours). Identifiers are stable name-based UUIDs.
 */
@Component
class HsdsCatalog {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final SessionQueries queries;
    private final Geography geography;
    private final String organizationName;
    private final String organizationDescription;
    private final String website;
    private final String eligibility;
    private final MessageSource messages;

    private final ZoneId zone;
    private final PlanIdentity.ServiceArea area;

    HsdsCatalog(
            JdbcClient jdbc,
            SessionQueries queries,
            Geography geography,
            MessageSource messages,
            @Value("${commonweal.centers.hsds.organization:}") String organizationName,
            @Value(
                            "${commonweal.centers.hsds.description:Free community centers open to members of both plans and to everyone: classes, health screenings, telehealth rooms, membership and social-service help, food pantries.}")
                    String organizationDescription,
            @Value("${commonweal.centers.hsds.website:}") String website,
            @Value("${commonweal.centers.hsds.eligibility:}") String eligibility,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.area = plan.serviceArea();
        this.jdbc = jdbc;
        this.queries = queries;
        this.geography = geography;
        // by default from the plan's identity: "L.A. Care Health Plan and Blue Shield of California Promise Health
        // Plan Community Resource Centers", "Open to L.A. Care members, Blue Shield of California Promise members …"
        this.organizationName = organizationName.isBlank()
                ? plan.name() + " and " + plan.partner().name() + " Community Resource Centers"
                : organizationName;
        this.organizationDescription = organizationDescription;
        this.website = website.isBlank() ? null : website;
        this.eligibility = eligibility.isBlank()
                ? "Open to " + plan.shortName() + " members, " + plan.partner().brandName()
                        + " members and all community residents."
                : eligibility;
        this.messages = messages;
    }

    static String id(String kind, Object key) {
        return UUID.nameUUIDFromBytes(("commonweal:centers:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    record Program(int id, String code, String category, String name, String description) {
        String hsdsId() {
            return HsdsCatalog.id("service", code);
        }
    }

    record Series(
            long id,
            int centerId,
            int programId,
            String language,
            LocalDateTime firstStart,
            int minutes,
            String rrule,
            String title) {}

    /** When a series (active or not) of a program at a center last changed. */
    record SeriesChange(int centerId, int programId, Instant lastModified) {}

    /**
     * One consistent read of what the API publishes, at {@code now}, with the absolute {@code baseUrl} of the site
     * (for links) and when each center, program and series last changed.
     */
    record Snapshot(
            List<Center> centers,
            List<Program> programs,
            List<Series> series,
            Instant now,
            String baseUrl,
            Map<Integer, Instant> centerModified,
            Map<Integer, Instant> programModified,
            List<SeriesChange> changes) {

        boolean offers(Center c, Program p) {
            return c.services().contains(p.category());
        }

        /** The service, its series, and the centers offering it: the latest change of any. */
        Instant modified(Program p) {
            Instant latest = programModified.getOrDefault(p.id(), Instant.EPOCH);
            for (Center c : centers) {
                if (offers(c, p)) {
                    latest = max(latest, centerModified.getOrDefault(c.id(), Instant.EPOCH));
                }
            }
            for (SeriesChange x : changes) {
                if (x.programId() == p.id()) {
                    latest = max(latest, x.lastModified());
                }
            }
            return latest;
        }

        /** The service at one center: the program, the center and the series there. */
        Instant modified(Program p, Center c) {
            Instant latest = max(
                    programModified.getOrDefault(p.id(), Instant.EPOCH),
                    centerModified.getOrDefault(c.id(), Instant.EPOCH));
            for (SeriesChange x : changes) {
                if (x.programId() == p.id() && x.centerId() == c.id()) {
                    latest = max(latest, x.lastModified());
                }
            }
            return latest;
        }

        Instant modified(Center c) {
            return centerModified.getOrDefault(c.id(), Instant.EPOCH);
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }

    Snapshot snapshot(Instant now, String baseUrl) {
        var programs = jdbc.sql("select id, code, category, name_en, description_en from centers.program order by code")
                .query((rs, n) ->
                        new Program(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        var series = jdbc.sql("""
                select id, center_id, program_id, language, first_start, duration_minutes, rrule, title_en
                from centers.class_series where active order by id""")
                .query((rs, n) -> new Series(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDateTime.class),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
        Map<Integer, Instant> centerModified = new HashMap<>();
        jdbc.sql("select id, last_modified from centers.center").query(rs -> {
            centerModified.put(rs.getInt(1), rs.getTimestamp(2).toInstant());
        });
        Map<Integer, Instant> programModified = new HashMap<>();
        jdbc.sql("select id, last_modified from centers.program").query(rs -> {
            programModified.put(rs.getInt(1), rs.getTimestamp(2).toInstant());
        });
        var changes = jdbc.sql("select center_id, program_id, last_modified from centers.class_series")
                .query((rs, n) -> new SeriesChange(
                        rs.getInt(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                .list();
        return new Snapshot(
                queries.centers(), programs, series, now, baseUrl, centerModified, programModified, changes);
    }

    String organizationId() {
        return id("organization", "centers");
    }

    Map<String, Object> organization(Snapshot s, boolean full) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", organizationId());
        o.put("name", organizationName);
        o.put("alternate_name", "Community Resource Centers");
        o.put("description", organizationDescription);
        if (website != null) {
            o.put("website", website);
        }
        if (full) {
            o.put("phones", List.of());
            o.put(
                    "locations",
                    s.centers().stream().map(c -> location(s, c, false)).toList());
            o.put("programs", List.of());
        }
        return o;
    }

    Map<String, Object> service(Snapshot s, Program p, boolean full) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", p.hsdsId());
        o.put("organization_id", organizationId());
        o.put("name", p.name());
        o.put("description", p.description());
        o.put("status", "active");
        o.put("fees_description", "Free of charge.");
        o.put("eligibility_description", eligibility);
        o.put(
                "application_process",
                p.category().equals("membership-help") || p.category().equals("food")
                        ? "Walk in during opening hours."
                        : "Register online or at the center; walk-ins welcome while seats last.");
        o.put(
                "interpretation_services",
                "Staff speak English and Spanish; interpretation in other languages on request.");
        o.put("last_modified", s.modified(p).toString());
        if (full) {
            o.put("organization", organization(s, false));
            o.put(
                    "languages",
                    languages(s, p).stream()
                            .map(code -> language(
                                    code, "language:" + p.code() + ":" + code, Map.of("service_id", p.hsdsId())))
                            .toList());
            o.put("phones", List.of());
            o.put("schedules", List.of());
            o.put("service_areas", List.of(serviceArea(p.hsdsId())));
            o.put(
                    "service_at_locations",
                    s.centers().stream()
                            .filter(c -> s.offers(c, p))
                            .map(c -> serviceAtLocation(s, p, c, true, false))
                            .toList());
            o.put("attributes", List.of(attribute(s, p)));
        }
        return o;
    }

    private List<String> languages(Snapshot s, Program p) {
        List<String> codes = s.series().stream()
                .filter(x -> x.programId() == p.id())
                .map(Series::language)
                .distinct()
                .sorted()
                .toList();
        return codes.isEmpty() ? List.of("en", "es") : codes;
    }

    private Map<String, Object> language(String code, String key, Map<String, Object> link) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("language", key));
        o.putAll(link);
        o.put("name", geography.language(code).map(l -> l.englishName()).orElse(code));
        o.put("code", code);
        return o;
    }

    private Map<String, Object> serviceArea(String serviceId) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("service_area", serviceId));
        o.put("service_id", serviceId);
        o.put("name", area.countyName());
        o.put("description", "Everyone living in " + area.countyName() + ".");
        o.put("extent_type", "text");
        o.put("extent", area.extent());
        return o;
    }

    private Map<String, Object> attribute(Snapshot s, Program p) {
        var term = taxonomyTerm(s, p.category());
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("attribute", p.code()));
        o.put("link_id", p.hsdsId());
        o.put("taxonomy_term_id", term.get("id"));
        o.put("link_type", "service_category");
        o.put("link_entity", "service");
        o.put("taxonomy_term", term);
        return o;
    }

    Map<String, Object> location(Snapshot s, Center c, boolean full) {
        var o = new LinkedHashMap<String, Object>();
        String id = locationId(c);
        o.put("id", id);
        o.put("location_type", "physical");
        o.put("organization_id", organizationId());
        o.put("name", c.name());
        o.put("description", "Service Planning Area " + c.spa());
        o.put("latitude", c.latitude());
        o.put("longitude", c.longitude());
        if (full) {
            o.put("addresses", List.of(address(c)));
            o.put("phones", List.of(phone(c)));
            o.put(
                    "languages",
                    List.of(
                            language("en", "location:" + c.code() + ":en", Map.of("location_id", id)),
                            language("es", "location:" + c.code() + ":es", Map.of("location_id", id))));
            o.put("schedules", hours(s, c, "location_id", id));
            o.put("accessibility", List.of());
        }
        return o;
    }

    static String locationId(Center c) {
        return id("location", c.code());
    }

    static String salId(Program p, Center c) {
        return id("service_at_location", p.code() + "@" + c.code());
    }

    private Map<String, Object> address(Center c) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("address", c.code()));
        o.put("location_id", locationId(c));
        o.put("address_1", c.addressLine().replace("*", ""));
        o.put("city", c.city());
        o.put("region", area.countyName());
        o.put("state_province", area.state());
        o.put("postal_code", c.zip());
        o.put("country", "US");
        o.put("address_type", "physical");
        return o;
    }

    private Map<String, Object> phone(Center c) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("phone", c.code()));
        o.put("location_id", locationId(c));
        o.put("number", c.phone());
        o.put("type", "voice");
        o.put("languages", List.of());
        return o;
    }

    Map<String, Object> serviceAtLocation(Snapshot s, Program p, Center c, boolean full, boolean withService) {
        var o = new LinkedHashMap<String, Object>();
        String id = salId(p, c);
        o.put("id", id);
        o.put("service_id", p.hsdsId());
        o.put("location_id", locationId(c));
        o.put("description", p.name() + " at the " + c.name());
        if (full) {
            o.put("location", location(s, c, true));
            if (withService) {
                o.put("service", service(s, p, false));
            }
            o.put("phones", List.of(phone(c)));
            List<Map<String, Object>> schedules = new ArrayList<>();
            s.series().stream()
                    .filter(x -> x.programId() == p.id() && x.centerId() == c.id())
                    .forEach(x -> schedules.add(seriesSchedule(s, x, id)));
            if (schedules.isEmpty()) {
                schedules.addAll(hours(s, c, "service_at_location_id", id));
            }
            o.put("schedules", schedules);
        }
        return o;
    }

    private Map<String, Object> seriesSchedule(Snapshot s, Series x, String salId) {
        RecurrenceRule rule = RecurrenceRule.parse(x.rrule());
        // the offset of the series' next weeks: of today once it has started, else of its first day
        LocalDate today = s.now().atZone(zone).toLocalDate();
        LocalDate on =
                x.firstStart().toLocalDate().isAfter(today) ? x.firstStart().toLocalDate() : today;
        ZoneOffset offset = offsetOn(on);
        var o = new LinkedHashMap<String, Object>();
        o.put("id", id("schedule", "series:" + x.id()));
        o.put("service_at_location_id", salId);
        o.put("dtstart", x.firstStart().toLocalDate().toString());
        o.put("timezone", offset.getTotalSeconds() / 3600);
        if (rule.until() != null) {
            o.put("until", rule.until().toLocalDate().toString());
        }
        if (rule.count() != null) {
            o.put("count", rule.count());
        }
        o.put("valid_from", x.firstStart().toLocalDate().toString());
        if (rule.until() != null) {
            o.put("valid_to", rule.until().toLocalDate().toString());
        }
        o.put("wkst", "MO");
        if (rule.frequency() == RecurrenceRule.Frequency.DAILY) {
            // HSDS knows WEEKLY and MONTHLY only: every day is weekly on all seven days; the full rule is in notes
            if (rule.interval() == 1) {
                o.put("freq", "WEEKLY");
                o.put("byday", "MO,TU,WE,TH,FR,SA,SU");
            }
        } else {
            o.put("freq", rule.frequency().name());
            o.put("interval", rule.interval());
        }
        if (rule.frequency() != RecurrenceRule.Frequency.DAILY && !rule.byDay().isEmpty()) {
            o.put(
                    "byday",
                    String.join(
                            ",",
                            rule.byDay().stream()
                                    .map(w -> (w.ordinal() == 0 ? "" : String.valueOf(w.ordinal()))
                                            + w.day().name().substring(0, 2))
                                    .toList()));
        }
        if (!rule.byMonthDay().isEmpty()) {
            o.put(
                    "bymonthday",
                    String.join(
                            ",", rule.byMonthDay().stream().map(String::valueOf).toList()));
        }
        o.put("opens_at", time(x.firstStart().toLocalTime(), offset));
        o.put("closes_at", time(x.firstStart().toLocalTime().plusMinutes(x.minutes()), offset));
        o.put("description", x.title() + " (" + x.language() + ")");
        o.put("schedule_link", s.baseUrl() + "/centers/series/" + x.id() + "/calendar.ics");
        o.put("attending_type", "in person");
        o.put(
                "notes",
                "RRULE:" + rule + "; times are " + zone.getId() + " wall time, offset " + offset + " from " + on
                        + " (it changes with daylight saving time)");
        return o;
    }

    /** The center's opening hours ("Mo-Fr 09:00-17:00; Sa 09:00-13:00") as weekly schedules. */
    List<Map<String, Object>> hours(Snapshot s, Center c, String linkField, String linkId) {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate today = s.now().atZone(zone).toLocalDate();
        ZoneOffset offset = offsetOn(today);
        int n = 0;
        for (String part : c.hours().split(";")) {
            String[] dayTime = part.strip().split("\\s+");
            if (dayTime.length != 2 || !dayTime[1].matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d")) {
                continue;
            }
            var o = new LinkedHashMap<String, Object>();
            o.put("id", id("schedule", linkField + ":" + linkId + ":" + n++));
            o.put(linkField, linkId);
            o.put("freq", "WEEKLY");
            o.put("wkst", "MO");
            o.put("byday", days(dayTime[0]));
            o.put("timezone", offset.getTotalSeconds() / 3600);
            o.put("opens_at", time(LocalTime.parse(dayTime[1].substring(0, 5)), offset));
            o.put("closes_at", time(LocalTime.parse(dayTime[1].substring(6)), offset));
            o.put("description", part.strip());
            o.put(
                    "notes",
                    "times are " + zone.getId() + " wall time, offset " + offset + " on " + today
                            + " (it changes with daylight saving time)");
            out.add(o);
        }
        return out;
    }

    private static final List<String> WEEK = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    static String days(String spec) {
        List<String> days = new ArrayList<>();
        for (String piece : spec.split(",")) {
            String[] range = piece.toUpperCase().split("-");
            int from = WEEK.indexOf(range[0]);
            int to = range.length > 1 ? WEEK.indexOf(range[1]) : from;
            for (int i = from; i >= 0 && i <= to; i++) {
                days.add(WEEK.get(i));
            }
        }
        return String.join(",", days);
    }

    /** The plan's UTC offset on a day (at noon, clear of the 2 a.m. change). */
    private ZoneOffset offsetOn(LocalDate day) {
        return day.atTime(12, 0).atZone(zone).getOffset();
    }

    /** HSDS opens_at / closes_at: HH:MM with the UTC offset ("09:00-08:00"), as the schema's description asks. */
    static String time(LocalTime t, ZoneOffset offset) {
        return t.format(HHMM) + (offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    }

    // --- taxonomy: the centers' own program categories (the check constraint of centers.program.category) ---

    static final List<String> CATEGORIES = List.of(
            "exercise",
            "nutrition",
            "health-education",
            "screening",
            "support-group",
            "telehealth",
            "membership-help",
            "social-services",
            "food");

    String taxonomyId() {
        return id("taxonomy", "center-categories");
    }

    Map<String, Object> taxonomy(Snapshot s) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", taxonomyId());
        o.put("name", "Commonweal Community Resource Center program categories");
        o.put(
                "description",
                "The nine program categories of the Community Resource Centers (exercise, nutrition, "
                        + "health education, screenings, support groups, telehealth, membership help, social services, food). "
                        + "A flat list: no term has a parent.");
        o.put("uri", s.baseUrl() + "/hsds/taxonomies/" + taxonomyId());
        o.put("version", "1");
        return o;
    }

    Map<String, Object> taxonomyTerm(Snapshot s, String category) {
        var term = new LinkedHashMap<String, Object>();
        term.put("id", id("taxonomy_term", category));
        term.put("code", category);
        term.put(
                "name",
                messages.getMessage("centers.category." + category, null, category.replace('-', ' '), Locale.ENGLISH));
        term.put("description", "Community Resource Center program category: " + term.get("name"));
        term.put("taxonomy", "commonweal-center-categories");
        term.put("language", "en");
        term.put("taxonomy_id", taxonomyId());
        term.put("term_uri", s.baseUrl() + "/hsds/taxonomy_terms/" + term.get("id"));
        return term;
    }

    Program program(Snapshot s, String id) {
        return s.programs().stream()
                .filter(p -> Objects.equals(p.hsdsId(), id))
                .findFirst()
                .orElse(null);
    }
}
