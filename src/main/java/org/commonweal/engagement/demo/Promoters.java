package org.commonweal.engagement.demo;

import static org.commonweal.demo.DemoPeople.any;
import static org.commonweal.demo.DemoPeople.pick;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoPerson;
import org.commonweal.engagement.promoter.OutreachVocabulary;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;

/** The Health Promoters half of the demo data. */
final class Promoters {

    static final String[] SUPERVISORS = {"Rosa Martínez", "David Kim", "Angela Brooks", "Hovik Sargsyan"};
    static final String[] PLACES = {
        "Public library",
        "Church hall",
        "Elementary school",
        "Community Resource Center",
        "Park recreation center",
        "Swap meet",
        "Farmers market",
        "Senior center",
        "Apartment complex"
    };
    static final String[] PARTNERS = {
        "",
        "",
        "LA County Public Health",
        "Local school district",
        "Parish council",
        "Food bank",
        "YMCA",
        "Community clinic"
    };
    static final String[] CENTER_CLASSES = {
        "POMONA:ZUMBA",
        "LYNWOOD:DIABETES-EDUCATION",
        "EAST-LA:HEALTHY-COOKING",
        "PALMDALE:YOGA",
        "METRO-LA:NUTRITION",
        "WILMINGTON:SUPPORT-GROUP",
        "EL-MONTE:ZUMBA",
        "WEST-LA:BLOOD-PRESSURE-CLASS"
    };

    private final Geography geography;

    Promoters(Geography geography) {
        this.geography = geography;
    }

    long generate(DemoContext ctx, LocalDate today) {
        Random random = ctx.random("engagement-promoters");
        Map<Integer, List<ZipArea>> zipsBySpa = new HashMap<>();
        for (ZipArea zip : geography.zips()) {
            if (zip.populationWeight() > 0) {
                zipsBySpa.computeIfAbsent(zip.spa(), k -> new ArrayList<>()).add(zip);
            }
        }
        List<Object[]> courses = courses();
        List<Object[]> promoters = new ArrayList<>();
        List<Object[]> completions = new ArrayList<>();
        List<Object[]> hours = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> contacts = new ArrayList<>();
        List<Object[]> referrals = new ArrayList<>();
        int count = (int) ctx.scale().pick(40, 60);
        int eventsPerMonth = (int) ctx.scale().pick(4, 12);
        long eventId = 0;
        long contactId = 0;
        long referralId = 0;
        for (int i = 1; i <= count; i++) {
            DemoPerson p = ctx.people().person(random, 24 + random.nextInt(40));
            int spa = 1 + (i - 1) % 8;
            String language = p.language().equals("en") && random.nextDouble() < 0.6 ? "es" : p.language();
            String[] languages = language.equals("en") ? new String[] {"en"} : new String[] {language, "en"};
            LocalDate start = today.minusDays(200 + random.nextInt(2400));
            int path = pick(random, 60, 30, 10);
            String pathway = path == 0 ? "CERTIFICATE" : path == 1 ? "WORK_EXPERIENCE" : null;
            LocalDate certified = null;
            if (path == 0) {
                certified = start.plusDays(60 + random.nextInt(120));
                completions.add(new Object[] {i, 1L, certified});
            } else if (path == 1) {
                // about 60 hours a month since starting; certified once 2,000 hours fall within 3 years
                LocalDate month = start.withDayOfMonth(1);
                double sum = 0;
                while (month.isBefore(today)) {
                    double h = 50 + random.nextInt(25);
                    hours.add(new Object[] {i, month, BigDecimal.valueOf(h)});
                    sum += h;
                    if (certified == null && sum >= 2000) {
                        certified = month;
                    }
                    month = month.plusMonths(1);
                }
            } else {
                LocalDate month = today.minusMonths(1 + random.nextInt(10)).withDayOfMonth(1);
                while (month.isBefore(today)) {
                    hours.add(new Object[] {i, month, BigDecimal.valueOf(40 + random.nextInt(20))});
                    month = month.plusMonths(1);
                }
            }
            if (certified != null) {
                // continuing education: most keep up, some lapse (they show in the expiry alerts)
                double keepUp = random.nextDouble();
                for (LocalDate d = certified.plusMonths(2);
                        d.isBefore(today);
                        d = d.plusMonths(4 + random.nextInt(3))) {
                    if (keepUp < 0.8 || d.isBefore(today.minusMonths(14))) {
                        completions.add(new Object[] {i, 2L + random.nextInt(5), d});
                    }
                }
            }
            for (int c = 2; c <= 4; c++) {
                completions.add(new Object[] {i, (long) (courses.size() - 5 + c), start.plusDays(7 * c)});
            }
            promoters.add(new Object[] {
                i,
                random.nextDouble() < 0.8 ? "DEMO-M" + (200000 + random.nextInt(799999)) : null,
                p.firstName() + " " + p.lastName(),
                languages,
                spa,
                SUPERVISORS[spa % 4],
                random.nextDouble() < 0.92 ? "ACTIVE" : "ON_LEAVE",
                start,
                pathway,
                certified,
                i == 1 ? "engagement-staff" : null
            });
            List<ZipArea> zips = zipsBySpa.getOrDefault(spa, geography.zips());
            for (LocalDate month = today.minusMonths(12).withDayOfMonth(1);
                    month.isBefore(today);
                    month = month.plusMonths(1)) {
                int n = eventsPerMonth - 1 + random.nextInt(3);
                for (int e = 0; e < n; e++) {
                    LocalDate held = month.plusDays(random.nextInt(month.lengthOfMonth()));
                    if (!held.isBefore(today)) {
                        continue;
                    }
                    ZipArea zip = zips.get(random.nextInt(zips.size()));
                    String type = OutreachVocabulary.EVENT_TYPES.get(pick(random, 35, 20, 15, 15, 15));
                    int members = type.equals("HEALTH_FAIR") ? 20 + random.nextInt(120) : 3 + random.nextInt(25);
                    int nonMembers = type.equals("HEALTH_FAIR") ? 10 + random.nextInt(80) : random.nextInt(10);
                    int total = members + nonMembers;
                    int kids = type.equals("HEALTH_FAIR") ? total / 4 : 0;
                    int seniors = random.nextInt(Math.max(1, (total - kids) / 3));
                    String[] topics = topics(random);
                    long id = ++eventId;
                    events.add(new Object[] {
                        id,
                        i,
                        type,
                        held,
                        any(random, PLACES),
                        p.street(),
                        zip.city(),
                        zip.zip(),
                        zip.centroid().latitude(),
                        zip.centroid().longitude(),
                        zip.spa(),
                        random.nextDouble() < 0.7 ? languages[0] : "en",
                        topics,
                        any(random, PARTNERS),
                        members,
                        nonMembers,
                        kids,
                        total - kids - seniors,
                        seniors,
                        "Flyers: " + String.join(", ", topics),
                        10 + random.nextInt(total * 2 + 1),
                        "demo"
                    });
                    contacts.add(new Object[] {++contactId, i, id, held, null, null, null, Math.max(1, total / 3)});
                    int named = random.nextInt(3);
                    for (int k = 0; k < named; k++) {
                        DemoPerson person = ctx.people().person(random, 18 + random.nextInt(60));
                        long cid = ++contactId;
                        boolean member = random.nextDouble() < 0.7;
                        contacts.add(new Object[] {
                            cid,
                            i,
                            id,
                            held,
                            member ? "DEMO-M" + (100000 + random.nextInt(899999)) : null,
                            person.firstName() + " " + person.lastName(),
                            "(" + (213 + random.nextInt(600)) + ") 555-01" + (10 + random.nextInt(89)),
                            1
                        });
                        String kind = OutreachVocabulary.REFERRAL_KINDS.get(pick(random, 50, 30, 20));
                        String target = switch (kind) {
                            case "CENTER_CLASS" -> any(random, CENTER_CLASSES);
                            case "ENROLLMENT_HELP" -> member ? "Medi-Cal renewal" : "New enrolment";
                            default -> "NPI 1" + (100000000 + random.nextInt(899999999));
                        };
                        long age = today.toEpochDay() - held.toEpochDay();
                        String outcome =
                                age < 14 ? "SENT" : OutreachVocabulary.OUTCOMES.get(pick(random, 10, 25, 50, 15));
                        referrals.add(new Object[] {
                            ++referralId,
                            cid,
                            kind,
                            target,
                            held,
                            outcome,
                            outcome.equals("SENT") ? null : held.plusDays(3 + random.nextInt(20))
                        });
                    }
                }
            }
        }
        long rows = ctx.copy(
                "engagement.course",
                List.of("id", "code", "title", "topic", "hours", "certificate", "continuing_ed"),
                out -> courses.forEach(out::row));
        rows += ctx.copy(
                "engagement.promoter",
                List.of(
                        "id",
                        "member_id",
                        "full_name",
                        "languages",
                        "spa",
                        "supervisor",
                        "status",
                        "start_date",
                        "pathway",
                        "certified_on",
                        "username"),
                out -> promoters.forEach(out::row));
        rows += ctx.copy(
                "engagement.course_completion",
                List.of("promoter_id", "course_id", "completed_on"),
                out -> completions.stream().distinct().forEach(out::row));
        rows += ctx.copy(
                "engagement.work_hours", List.of("promoter_id", "month", "hours"), out -> hours.forEach(out::row));
        rows += ctx.copy(
                "engagement.outreach_event",
                List.of(
                        "id",
                        "promoter_id",
                        "event_type",
                        "held_on",
                        "place_name",
                        "street",
                        "city",
                        "zip",
                        "latitude",
                        "longitude",
                        "spa",
                        "language",
                        "topics",
                        "partners",
                        "attendees_members",
                        "attendees_nonmembers",
                        "age_0_17",
                        "age_18_64",
                        "age_65_plus",
                        "materials",
                        "materials_count",
                        "recorded_by"),
                out -> events.forEach(out::row));
        rows += ctx.copy(
                "engagement.contact",
                List.of("id", "promoter_id", "event_id", "contacted_on", "member_id", "person_name", "phone", "tally"),
                out -> contacts.forEach(out::row));
        rows += ctx.copy(
                "engagement.referral",
                List.of("id", "contact_id", "kind", "target", "referred_on", "outcome", "outcome_on"),
                out -> referrals.forEach(out::row));
        return rows;
    }

    private static String[] topics(Random random) {
        List<String> all = OutreachVocabulary.TOPICS;
        int n = 1 + random.nextInt(3);
        List<String> picked = new ArrayList<>();
        while (picked.size() < n) {
            String t = all.get(random.nextInt(all.size()));
            if (!picked.contains(t)) {
                picked.add(t);
            }
        }
        return picked.toArray(String[]::new);
    }

    private static List<Object[]> courses() {
        List<Object[]> c = new ArrayList<>();
        c.add(new Object[] {
            1L, "CHW-CERT", "Community Health Worker certificate program", "core", new BigDecimal("160"), true, false
        });
        String[][] ce = {
            {"CE-DIAB", "Diabetes self-management update", "diabetes"},
            {"CE-MH", "Mental health first aid", "mental-health"},
            {"CE-RENEW", "Medi-Cal renewal changes", "medi-cal-renewal"},
            {"CE-IMM", "Immunization schedules", "immunizations"},
            {"CE-HTN", "Blood pressure self-monitoring", "blood-pressure"}
        };
        long id = 1;
        for (String[] row : ce) {
            c.add(new Object[] {++id, row[0], row[1], row[2], new BigDecimal("3"), false, true});
        }
        String[][] core = {
            {"ORIENT", "Promoter orientation", "core"},
            {"OUTREACH", "Outreach event planning and safety", "core"},
            {"PRIVACY", "Privacy and confidentiality (HIPAA)", "core"},
            {"REFERRAL", "Referrals to centers, enrolment help and providers", "core"}
        };
        for (String[] row : core) {
            c.add(new Object[] {++id, row[0], row[1], row[2], new BigDecimal("4"), false, false});
        }
        return c;
    }
}
