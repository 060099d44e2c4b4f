package org.commonweal.centers.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.commonweal.centers.catalog.CenterCatalog;
import org.commonweal.centers.schedule.RecurrenceRule;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoPerson;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * Class series at the 14 centers with their sessions (small: six weeks back and six ahead; full: nine months back and
 * three ahead), participants, registrations in every status, walk-in visits and screenings. Full scale gives about
 * 300,000 visits, the centers' real yearly volume.
 */
@Component
class CentersDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "centers.registration_history",
            "centers.screening",
            "centers.visit",
            "centers.registration",
            "centers.class_session",
            "centers.class_series",
            "centers.participant");

    private static final String CODES = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final String[] WALK_IN = {
        "enrolment",
        "renewal",
        "id-card",
        "pcp-change",
        "member-services",
        "telehealth-room",
        "wifi",
        "social-services-referral",
        "food-pantry"
    };
    private static final double[] WALK_IN_WEIGHTS = {8, 12, 10, 6, 18, 6, 14, 10, 16};
    private static final DayOfWeek[] WEEKDAYS = {
        DayOfWeek.MONDAY,
        DayOfWeek.TUESDAY,
        DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY,
        DayOfWeek.SATURDAY
    };

    private final CenterCatalog catalog;
    private final Outbox outbox;

    private final ZoneId zone;

    CentersDemoData(CenterCatalog catalog, Outbox outbox, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.catalog = catalog;
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "centers";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void reset(DemoContext context) {
        context.jdbc().sql("truncate " + String.join(", ", TABLES)).update();
        // the shared outbox holds only what users' actions queued; they went with the tables above
        outbox.discard(name());
    }

    record Program(int id, String code, String category, String nameEn, String nameEs) {}

    record Center(int id, String code, int spa) {}

    record Session(long id, int centerId, Instant startsAt, int capacity) {}

    @Override
    public long generate(DemoContext ctx) throws Exception {
        // a run that failed half-way is not recorded, so it is never reset: start clean in any case
        reset(ctx);
        catalog.load();
        boolean full = ctx.scale().pick(0, 1) == 1;
        LocalDate today = LocalDate.now(zone);
        LocalDate first = full ? today.minusMonths(9) : today.minusWeeks(6);
        LocalDate last = full ? today.plusMonths(3) : today.plusWeeks(6);
        int seriesPerCenter = full ? 12 : 4;
        int participants = (int) ctx.scale().pick(1500, 40_000);
        long walkIns = ctx.scale().pick(3000, 190_000);
        long screenings = ctx.scale().pick(300, 15_000);
        Random random = ctx.random("centers");
        var jdbc = ctx.jdbc();

        List<Program> programs = jdbc.sql(
                        "select id, code, category, name_en, name_es from centers.program order by id")
                .query((rs, n) ->
                        new Program(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        List<Program> classPrograms = programs.stream()
                .filter(p -> !p.category().equals("membership-help")
                        && !p.category().equals("telehealth")
                        && !p.category().equals("food")
                        && !p.category().equals("social-services"))
                .toList();
        List<Center> centers = jdbc.sql("select id, code, spa from centers.center order by id")
                .query((rs, n) -> new Center(rs.getInt(1), rs.getString(2), rs.getInt(3)))
                .list();
        long rows = 0;

        // series and their sessions
        long seriesBase = reserve(ctx, "centers.class_series_id_seq", centers.size() * seriesPerCenter);
        record SeriesRow(
                long id,
                Center center,
                Program program,
                String language,
                String room,
                int capacity,
                LocalDateTime start,
                int minutes,
                String rrule) {}
        List<SeriesRow> series = new ArrayList<>();
        for (Center c : centers) {
            for (int i = 0; i < seriesPerCenter; i++) {
                Program p = classPrograms.get((i + c.id()) % classPrograms.size());
                String language =
                        c.code().equals("metro-la") && i % 4 == 3 ? "ko" : random.nextDouble() < 0.45 ? "es" : "en";
                DayOfWeek d1 = WEEKDAYS[random.nextInt(5)];
                DayOfWeek d2 = WEEKDAYS[(d1.ordinal() + 2 + random.nextInt(3)) % 6];
                String byDay = p.category().equals("exercise") ? code(d1) + "," + code(d2) : code(d1);
                String rrule =
                        (p.category().equals("support-group") ? "FREQ=WEEKLY;INTERVAL=2;BYDAY=" : "FREQ=WEEKLY;BYDAY=")
                                + byDay + ";UNTIL=" + last.toString().replace("-", "");
                LocalDateTime start = first.with(java.time.temporal.TemporalAdjusters.nextOrSame(d1))
                        .atTime(9 + random.nextInt(9), random.nextBoolean() ? 0 : 30);
                int capacity = p.category().equals("support-group") ? 12 : 15 + 5 * random.nextInt(4);
                series.add(new SeriesRow(
                        seriesBase + series.size(),
                        c,
                        p,
                        language,
                        p.category().equals("exercise")
                                ? "Main room"
                                : p.category().equals("nutrition") ? "Kitchen" : "Main room",
                        capacity,
                        start,
                        p.category().equals("exercise") ? 60 : 90,
                        rrule));
            }
        }
        rows += ctx.copy(
                "centers.class_series",
                List.of(
                        "id",
                        "center_id",
                        "program_id",
                        "title_en",
                        "title_es",
                        "language",
                        "instructor",
                        "room",
                        "capacity",
                        "eligibility",
                        "first_start",
                        "duration_minutes",
                        "rrule"),
                out -> {
                    for (SeriesRow s : series) {
                        out.row(
                                s.id(),
                                s.center().id(),
                                s.program().id(),
                                s.program().nameEn(),
                                s.program().nameEs(),
                                s.language(),
                                ctx.people().person(random).firstName(),
                                s.room(),
                                s.capacity(),
                                s.program().category().equals("exercise") ? "adults" : "everyone",
                                s.start(),
                                s.minutes(),
                                s.rrule());
                    }
                });
        List<Session> sessions = new ArrayList<>();
        List<Object[]> sessionRows = new ArrayList<>();
        int sessionCount = 0;
        for (SeriesRow s : series) {
            sessionCount +=
                    RecurrenceRule.parse(s.rrule()).occurrences(s.start(), last).size();
        }
        long sessionBase = reserve(ctx, "centers.class_session_id_seq", sessionCount);
        for (SeriesRow s : series) {
            for (LocalDateTime start : RecurrenceRule.parse(s.rrule()).occurrences(s.start(), last)) {
                OffsetDateTime begins = start.atZone(zone).toOffsetDateTime();
                long id = sessionBase + sessions.size();
                sessions.add(new Session(id, s.center().id(), begins.toInstant(), s.capacity()));
                sessionRows.add(new Object[] {
                    id, s.id(), s.center().id(), begins, begins.plusMinutes(s.minutes()), s.capacity(), s.room()
                });
            }
        }
        rows += ctx.copy(
                "centers.class_session",
                List.of("id", "series_id", "center_id", "starts_at", "ends_at", "capacity", "room"),
                out -> sessionRows.forEach(out::row));

        // participants
        long participantBase = reserve(ctx, "centers.participant_id_seq", participants);
        String[] kinds = new String[participants];
        String[] memberIds = new String[participants];
        String[] languages = new String[participants];
        int[] spas = new int[participants];
        rows += ctx.copy(
                "centers.participant",
                List.of(
                        "id",
                        "kind",
                        "member_id",
                        "first_name",
                        "last_name",
                        "phone",
                        "email",
                        "zip",
                        "language",
                        "consent_contact"),
                out -> {
                    DemoPeople people = ctx.people();
                    for (int i = 0; i < participants; i++) {
                        DemoPerson p = people.person(random);
                        int k = DemoPeople.pick(random, 55, 25, 20);
                        kinds[i] = k == 0 ? "lacare" : k == 1 ? "bsp" : "community";
                        memberIds[i] = k == 0 ? String.format("9%08d", 10_000_000 + i) : null;
                        languages[i] = p.language();
                        spas[i] = p.zip().spa();
                        boolean email = random.nextDouble() < 0.5;
                        out.row(
                                participantBase + i,
                                kinds[i],
                                memberIds[i],
                                p.firstName(),
                                p.lastName(),
                                email ? null : String.format("(213) 555-%04d", random.nextInt(10_000)),
                                email ? p.firstName().toLowerCase() + "." + i + "@example.org" : null,
                                p.zip().zip(),
                                p.language(),
                                random.nextDouble() < 0.7);
                    }
                });

        // registrations, and a class visit per attendance
        Instant now = Instant.now();
        Set<String> codes = new HashSet<>();
        List<Object[]> registrations = new ArrayList<>();
        List<Object[]> classVisits = new ArrayList<>();
        long arrival = 0;
        for (Session s : sessions) {
            boolean past = s.startsAt().isBefore(now);
            double demand = 0.4 + random.nextDouble() * 0.9; // some sessions overbooked, some half empty
            int wanted = (int) Math.round(s.capacity() * demand);
            int taken = 0;
            Set<Integer> used = new HashSet<>();
            for (int j = 0; j < wanted; j++) {
                int who = random.nextInt(participants);
                if (!used.add(who)) {
                    continue;
                }
                boolean seat = taken < s.capacity();
                String status;
                if (past) {
                    double r = random.nextDouble();
                    status = !seat ? "cancelled" : r < 0.8 ? "attended" : r < 0.92 ? "no-show" : "cancelled";
                } else {
                    status = seat ? (random.nextDouble() < 0.05 ? "cancelled" : "registered") : "waitlisted";
                }
                if (seat && !status.equals("cancelled")) {
                    taken++;
                }
                Instant created = s.startsAt().minusSeconds(3600L * (24 + random.nextInt(24 * 20)));
                registrations.add(new Object[] {
                    s.id(),
                    participantBase + who,
                    status,
                    ++arrival,
                    uniqueCode(random, codes),
                    "demo",
                    status.equals("cancelled") ? "cancelled by participant" : null,
                    status.equals("attended")
                            ? OffsetDateTime.ofInstant(s.startsAt().minusSeconds(300), ZoneOffset.UTC)
                            : null,
                    OffsetDateTime.ofInstant(created, ZoneOffset.UTC)
                });
                if (status.equals("attended")) {
                    classVisits.add(new Object[] {
                        s.centerId(),
                        OffsetDateTime.ofInstant(s.startsAt(), ZoneOffset.UTC),
                        "class",
                        participantBase + who,
                        memberIds[who],
                        kinds[who],
                        languages[who],
                        spas[who],
                        "demo"
                    });
                }
            }
        }
        rows += ctx.copy(
                "centers.registration",
                List.of(
                        "session_id",
                        "participant_id",
                        "status",
                        "arrival",
                        "confirmation_code",
                        "channel",
                        "cancel_reason",
                        "checked_in_at",
                        "created_at"),
                out -> registrations.forEach(out::row));
        jdbc.sql("select setval('centers.arrival_seq', greatest((select max(arrival) from centers.registration), 1))")
                .query(Long.class)
                .single();
        jdbc.sql("""
                update centers.class_session s set taken = x.taken, waitlisted = x.waitlisted from (
                  select session_id, count(*) filter (where status in ('registered', 'offered', 'attended', 'no-show')) taken,
                         count(*) filter (where status = 'waitlisted') waitlisted
                  from centers.registration group by session_id) x where x.session_id = s.id""").update();

        // walk-in visits across the period, weekdays and Saturday mornings
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, today);
        rows += ctx.copy(
                "centers.visit",
                List.of(
                        "center_id",
                        "visited_at",
                        "service",
                        "participant_id",
                        "member_id",
                        "plan",
                        "language",
                        "spa",
                        "staff"),
                out -> {
                    classVisits.forEach(out::row);
                    for (long i = 0; i < walkIns; i++) {
                        Center c = centers.get(random.nextInt(centers.size()));
                        LocalDate day = first.plusDays(random.nextLong(Math.max(1, days)));
                        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                            day = day.minusDays(1);
                        }
                        var at = day.atTime(
                                        9 + random.nextInt(day.getDayOfWeek() == DayOfWeek.SATURDAY ? 4 : 8),
                                        random.nextInt(60))
                                .atZone(zone)
                                .toOffsetDateTime();
                        String service = WALK_IN[DemoPeople.pick(random, WALK_IN_WEIGHTS)];
                        boolean known = random.nextDouble() < 0.6;
                        int who = random.nextInt(participants);
                        String plan = known
                                ? kinds[who]
                                : new String[] {"lacare", "bsp", "community"}[DemoPeople.pick(random, 50, 25, 25)];
                        out.row(
                                c.id(),
                                at,
                                service,
                                known ? participantBase + who : null,
                                known ? memberIds[who] : null,
                                plan,
                                known ? languages[who] : random.nextDouble() < 0.45 ? "es" : "en",
                                known ? spas[who] : c.spa(),
                                "demo");
                    }
                });

        rows += ctx.copy(
                "centers.screening",
                List.of(
                        "center_id",
                        "participant_id",
                        "member_id",
                        "measured_at",
                        "systolic",
                        "diastolic",
                        "glucose_mg_dl",
                        "fasting",
                        "height_cm",
                        "weight_kg",
                        "bmi",
                        "flags",
                        "referral",
                        "staff"),
                out -> {
                    for (long i = 0; i < screenings; i++) {
                        Center c = centers.get(random.nextInt(centers.size()));
                        int who = random.nextInt(participants);
                        var at = first.plusDays(random.nextLong(Math.max(1, days)))
                                .atTime(10 + random.nextInt(6), 0)
                                .atZone(zone)
                                .toOffsetDateTime();
                        int systolic = clamp(Math.round(125 + random.nextGaussian() * 18), 85, 220);
                        int diastolic = clamp(Math.round(80 + random.nextGaussian() * 11), 45, 130);
                        boolean fasting = random.nextBoolean();
                        int glucose = clamp(
                                Math.round((fasting ? 100 : 125) + Math.abs(random.nextGaussian()) * 30), 60, 400);
                        double height = clamp(Math.round((163 + random.nextGaussian() * 9) * 10), 1400, 2050) / 10.0;
                        double weight = clamp(Math.round((78 + random.nextGaussian() * 16) * 10), 400, 2000) / 10.0;
                        var result = org.commonweal.centers.services.ScreeningRanges.assess(
                                systolic, diastolic, glucose, fasting, height, weight);
                        out.row(
                                c.id(),
                                participantBase + who,
                                memberIds[who],
                                at,
                                systolic,
                                diastolic,
                                glucose,
                                fasting,
                                height,
                                weight,
                                result.bmi(),
                                result.flags().toArray(String[]::new),
                                result.flags().isEmpty() ? null : "primary care follow-up",
                                "demo");
                    }
                });
        return rows;
    }

    /** Takes {@code n} ids from a sequence in one step, so COPY can write them. */
    private static long reserve(DemoContext ctx, String sequence, long n) {
        long base = ctx.jdbc()
                .sql("select nextval('" + sequence + "')")
                .query(Long.class)
                .single();
        ctx.jdbc()
                .sql("select setval('" + sequence + "', ?)")
                .param(base + Math.max(n, 1))
                .query(Long.class)
                .single();
        return base;
    }

    /** Keeps a drawn measure inside what the schema (and a real device) accepts. */
    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }

    private static String code(DayOfWeek d) {
        return d.name().substring(0, 2);
    }

    private static String uniqueCode(Random random, Set<String> codes) {
        while (true) {
            char[] c = new char[8];
            for (int i = 0; i < 8; i++) {
                c[i] = CODES.charAt(random.nextInt(CODES.length()));
            }
            String code = new String(c);
            if (codes.add(code)) {
                return code;
            }
        }
    }
}
