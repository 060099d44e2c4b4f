package org.commonweal.engagement.demo;

import static org.commonweal.demo.DemoPeople.any;
import static org.commonweal.demo.DemoPeople.pick;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPerson;
import org.commonweal.engagement.committee.AttendanceMode;
import org.commonweal.engagement.committee.RecommendationStage;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Region;
import org.commonweal.geography.ZipArea;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * Eleven RCACs with realistic rosters and the ECAC, a year of meetings, attendance, stipends and motions; about 40
 * Health Promoters with their training and a year of outreach events, contacts and referrals. Demo rows never publish
 * {@code ClassReferralMade}: the centers module's demo data makes its own registrations.
 */
@Component
class EngagementDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "engagement.referral",
            "engagement.contact",
            "engagement.outreach_event",
            "engagement.work_hours",
            "engagement.course_completion",
            "engagement.course",
            "engagement.promoter",
            "engagement.region_profile",
            "engagement.motion_step",
            "engagement.motion",
            "engagement.stipend",
            "engagement.attendance",
            "engagement.meeting_document",
            "engagement.meeting",
            "engagement.membership",
            "engagement.committee");

    static final String[] TOPICS = {
        "access-to-care",
        "language-access",
        "transportation",
        "pharmacy",
        "behavioral-health",
        "member-services",
        "housing",
        "food-security"
    };
    static final String[] PRODUCT_LINES = {
        "MEDI_CAL", "MEDI_CAL", "MEDI_CAL", "MEDI_CAL", "COVERED", "MEDICARE_PLUS", "PASC_SEIU"
    };
    static final String[] REGION_LANGUAGES = {"", "es", "hy", "hy", "cmn", "yue", "ko", "fa", "es", "es", "km", "km"};

    private final Geography geography;
    private final Committees committees;

    private final ZoneId zone;

    EngagementDemoData(Geography geography, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.committees = new Committees(zone);
        this.geography = geography;
    }

    @Override
    public String name() {
        return "engagement";
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void reset(DemoContext context) {
        context.jdbc()
                .sql("truncate " + String.join(", ", TABLES) + " restart identity")
                .update();
    }

    @Override
    public long generate(DemoContext context) {
        // a run that failed half way leaves rows but no record of having run: start clean either way
        reset(context);
        LocalDate today = LocalDate.now(zone);
        long rows = committees.generate(context, geography.rcacRegions(), today);
        rows += regionProfiles(context);
        rows += new Promoters(geography).generate(context, today);
        for (String table : List.of(
                "committee",
                "membership",
                "meeting",
                "meeting_document",
                "stipend",
                "motion",
                "motion_step",
                "promoter",
                "course",
                "outreach_event",
                "contact",
                "referral")) {
            context.jdbc()
                    .sql("select setval(pg_get_serial_sequence('engagement." + table + "', 'id'), "
                            + "coalesce((select max(id) from engagement." + table + "), 0) + 1, false)")
                    .query()
                    .singleValue();
        }
        return rows;
    }

    /** The plan membership's mix per region, drawn from the demo population (production: a reporting extract). */
    private long regionProfiles(DemoContext context) {
        Random random = context.random("engagement-region-profile");
        Map<String, Integer> counts = new HashMap<>();
        Map<Integer, Integer> totals = new HashMap<>();
        for (int i = 0; i < 6_000; i++) {
            DemoPerson p = context.people().person(random);
            int region = p.zip().rcacRegion();
            totals.merge(region, 1, Integer::sum);
            counts.merge(region + "|race_ethnicity|" + p.raceEthnicity(), 1, Integer::sum);
            counts.merge(region + "|sex|" + p.sex(), 1, Integer::sum);
            counts.merge(region + "|language|" + p.language(), 1, Integer::sum);
            counts.merge(region + "|age_band|" + ageBand(today(context, p)), 1, Integer::sum);
        }
        return context.copy(
                "engagement.region_profile",
                List.of("region_number", "dimension", "category", "share"),
                out -> counts.forEach((key, n) -> {
                    String[] k = key.split("\\|");
                    int region = Integer.parseInt(k[0]);
                    out.row(
                            region,
                            k[1],
                            k[2],
                            BigDecimal.valueOf(n)
                                    .divide(BigDecimal.valueOf(totals.get(region)), 4, RoundingMode.HALF_UP));
                }));
    }

    private int today(DemoContext context, DemoPerson p) {
        return java.time.Period.between(p.birthDate(), LocalDate.now(zone)).getYears();
    }

    static String ageBand(int age) {
        return age < 18 ? "0-17" : age < 25 ? "18-24" : age < 45 ? "25-44" : age < 65 ? "45-64" : "65+";
    }

    /** The committees half. */
    static final class Committees {

        private final ZoneId zone;

        Committees(ZoneId zone) {
            this.zone = zone;
        }

        long generate(DemoContext ctx, List<Region> regions, LocalDate today) {
            Random random = ctx.random("engagement-committees");
            List<Object[]> committeeRows = new ArrayList<>();
            List<Object[]> memberships = new ArrayList<>();
            Map<Integer, List<Object[]>> active = new HashMap<>();
            long membershipId = 0;
            for (Region region : regions) {
                int id = region.number();
                committeeRows.add(new Object[] {
                    id,
                    "RCAC-" + id,
                    "RCAC",
                    id,
                    "RCAC " + id + " – " + region.name(),
                    35,
                    true,
                    0,
                    false,
                    50,
                    placeFor(region)
                });
                // one committee shows the composition warning (too few consumers after resignations)
                int size = 22 + random.nextInt(12);
                double consumerShare = id == 3 ? 0.3 : 0.72;
                for (int s = 0; s < size; s++) {
                    Object[] m = membership(
                            ctx,
                            random,
                            ++membershipId,
                            id,
                            s == 0 ? "CHAIR" : s == 1 ? "VICE_CHAIR" : "MEMBER",
                            null,
                            random.nextDouble() < consumerShare,
                            today,
                            "ACTIVE",
                            regionZip(ctx, random, id),
                            id == 3 ? 0.1 : 0.5);
                    memberships.add(m);
                    active.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
                }
                for (int r = 0; r < 2; r++) {
                    Object[] m = membership(
                            ctx,
                            random,
                            ++membershipId,
                            id,
                            "MEMBER",
                            null,
                            true,
                            today,
                            "RESIGNED",
                            regionZip(ctx, random, id),
                            0.5);
                    m[20] = today.minusDays(30 + random.nextInt(200));
                    memberships.add(m);
                }
            }
            int ecac = regions.size() + 1;
            committeeRows.add(new Object[] {
                ecac,
                "ECAC",
                "ECAC",
                null,
                "Executive Community Advisory Committee",
                35,
                true,
                2,
                true,
                50,
                "L.A. Care Health Plan, 1055 W. 7th Street, Los Angeles"
            });
            for (Region region : regions) {
                Object[] chair = active.get(region.number()).getFirst();
                Object[] seat = chair.clone();
                seat[0] = ++membershipId;
                seat[1] = ecac;
                seat[5] = region.number() == 6 ? "CHAIR" : region.number() == 9 ? "VICE_CHAIR" : "MEMBER";
                seat[6] = "RCAC-" + region.number();
                memberships.add(seat);
                active.computeIfAbsent(ecac, k -> new ArrayList<>()).add(seat);
            }
            for (int a = 0; a < 2; a++) {
                Object[] m = membership(
                        ctx,
                        random,
                        ++membershipId,
                        ecac,
                        "AT_LARGE",
                        null,
                        true,
                        today,
                        "ACTIVE",
                        ctx.people().zip(random),
                        0.5);
                memberships.add(m);
                active.get(ecac).add(m);
            }
            long rows = ctx.copy(
                    "engagement.committee",
                    List.of(
                            "id",
                            "code",
                            "kind",
                            "region_number",
                            "name",
                            "max_members",
                            "consumer_majority",
                            "at_large_seats",
                            "chairs_of_regionals",
                            "quorum_percent",
                            "meeting_place"),
                    out -> committeeRows.forEach(out::row));
            rows += ctx.copy(
                    "engagement.membership",
                    List.of(
                            "id",
                            "committee_id",
                            "person_id",
                            "full_name",
                            "member_id",
                            "seat",
                            "represents_committee",
                            "consumer",
                            "advocate",
                            "provider",
                            "product_line",
                            "languages",
                            "race_ethnicity",
                            "age_band",
                            "sex",
                            "zip",
                            "term_start",
                            "interpreter_language",
                            "asl",
                            "captioning",
                            "term_end",
                            "status"),
                    out -> memberships.forEach(out::row));
            rows += meetings(ctx, random, committeeRows, active, today);
            return rows;
        }

        private static ZipArea regionZip(DemoContext ctx, Random random, int region) {
            for (int i = 0; i < 200; i++) {
                ZipArea zip = ctx.people().zip(random);
                if (zip.rcacRegion() == region) {
                    return zip;
                }
            }
            return ctx.people().zip(random);
        }

        private static String placeFor(Region region) {
            return "Community Resource Center, " + region.name();
        }

        private static Object[] membership(
                DemoContext ctx,
                Random random,
                long id,
                int committee,
                String seat,
                String represents,
                boolean consumer,
                LocalDate today,
                String status,
                ZipArea zip,
                double advocateShare) {
            DemoPerson p = ctx.people().person(random, 19 + random.nextInt(60));
            boolean advocate = !consumer && random.nextDouble() < advocateShare;
            boolean provider = !consumer && !advocate;
            String interpreter = p.language().equals("en") ? null : p.language();
            List<String> languages = new ArrayList<>(List.of(p.language()));
            if (!p.language().equals("en") && random.nextDouble() < 0.5) {
                languages.add("en");
            }
            // seated for the whole demo year, terms ending within the next year
            LocalDate termStart = today.minusDays(380 + random.nextInt(300));
            return new Object[] {
                id,
                committee,
                UUID.nameUUIDFromBytes(("committee-person-" + id).getBytes()),
                p.firstName() + " " + p.lastName(),
                consumer ? "DEMO-M" + (100000 + random.nextInt(899999)) : null,
                seat,
                represents,
                consumer,
                advocate,
                provider,
                consumer ? any(random, PRODUCT_LINES) : null,
                languages.toArray(String[]::new),
                random.nextDouble() < 0.85 ? p.raceEthnicity() : null,
                ageBand(today.getYear() - p.birthDate().getYear()),
                p.sex(),
                zip.zip(),
                termStart,
                interpreter,
                random.nextDouble() < 0.03,
                random.nextDouble() < 0.06,
                termStart.plusYears(2),
                status
            };
        }

        private long meetings(
                DemoContext ctx,
                Random random,
                List<Object[]> committeeRows,
                Map<Integer, List<Object[]>> active,
                LocalDate today) {
            List<Object[]> meetings = new ArrayList<>();
            List<Object[]> documents = new ArrayList<>();
            List<Object[]> attendance = new ArrayList<>();
            List<Object[]> stipends = new ArrayList<>();
            List<Object[]> motions = new ArrayList<>();
            List<Object[]> steps = new ArrayList<>();
            long meetingId = 0;
            long stipendId = 0;
            long motionId = 0;
            long stepId = 0;
            for (Object[] c : committeeRows) {
                int committee = (Integer) c[0];
                boolean isEcac = c[2].equals("ECAC");
                Integer region = (Integer) c[3];
                DayOfWeek weekday = DayOfWeek.of(1 + committee % 4);
                String[] languages = isEcac
                        ? new String[] {"es", "ko", "hy", "cmn"}
                        : region == null || REGION_LANGUAGES[region].isEmpty() || REGION_LANGUAGES[region].equals("es")
                                ? new String[] {"es"}
                                : new String[] {"es", REGION_LANGUAGES[region]};
                List<Long> heldIds = new ArrayList<>();
                for (int m = -12; m <= 2; m++) {
                    LocalDate day = today.plusMonths(m).with(TemporalAdjusters.dayOfWeekInMonth(2, weekday));
                    OffsetDateTime starts = day.atTime(LocalTime.of(isEcac ? 10 : 18, 0))
                            .atZone(zone)
                            .toOffsetDateTime();
                    boolean past = day.isBefore(today);
                    long id = ++meetingId;
                    String agenda = "1. Welcome and roll call\n2. Public comment\n3. Approval of minutes\n4. "
                            + any(random, new String[] {
                                "Member services update",
                                "Transportation benefit briefing",
                                "Community Resource Center report",
                                "Pharmacy changes",
                                "Behavioral health access"
                            })
                            + "\n5. Motions and recommendations\n6. Announcements";
                    LocalDate agendaPosted = day.minusDays(m <= 1 ? 3 : 0);
                    boolean minutesDone = past && m < -1;
                    meetings.add(new Object[] {
                        id,
                        committee,
                        starts,
                        c[10],
                        random.nextBoolean()
                                ? "https://meet.example.org/" + c[1].toString().toLowerCase()
                                : null,
                        m <= 1 ? agenda : null,
                        m <= 1 ? agendaPosted : null,
                        languages,
                        past
                                ? (1 + random.nextInt(6)) + " public comments: access to specialists, ride scheduling"
                                : null,
                        past
                                ? "Minutes of the " + c[1] + " meeting of "
                                        + java.time.format.DateTimeFormatter.ofLocalizedDate(
                                                        java.time.format.FormatStyle.LONG)
                                                .withLocale(java.util.Locale.US)
                                                .format(day)
                                        + ". Quorum present. "
                                        + "Staff presented the agenda items; members discussed and voted on motions."
                                : null,
                        minutesDone ? day.plusMonths(1).with(TemporalAdjusters.dayOfWeekInMonth(2, weekday)) : null,
                        minutesDone
                                ? day.plusMonths(1)
                                        .with(TemporalAdjusters.dayOfWeekInMonth(2, weekday))
                                        .plusDays(2)
                                : null,
                        past ? "HELD" : "SCHEDULED"
                    });
                    if (m <= 1) {
                        documents.add(new Object[] {
                            id, "Agenda packet", "/committees/meetings/" + id + "#agenda", "AGENDA", true
                        });
                    }
                    if (!past) {
                        continue;
                    }
                    heldIds.add(id);
                    for (Object[] member : active.get(committee)) {
                        AttendanceMode mode = AttendanceMode.values()[pick(random, 70, 16, 8, 6)];
                        BigDecimal miles = mode == AttendanceMode.IN_PERSON
                                ? BigDecimal.valueOf(2 + random.nextInt(240) / 10.0)
                                : BigDecimal.ZERO;
                        attendance.add(new Object[] {id, member[0], mode.name(), miles});
                        if (mode.present()) {
                            long ageDays = today.toEpochDay() - day.toEpochDay();
                            String status = ageDays > 45 ? "PAID" : ageDays > 15 ? "APPROVED" : "PENDING";
                            BigDecimal mileage =
                                    miles.multiply(new BigDecimal("0.700")).setScale(2, RoundingMode.HALF_UP);
                            stipends.add(new Object[] {
                                ++stipendId,
                                id,
                                member[0],
                                new BigDecimal("50.00"),
                                miles,
                                mileage,
                                status,
                                status.equals("PENDING") ? null : day.plusDays(status.equals("PAID") ? 30 : 10)
                            });
                        }
                    }
                    // about one motion every other meeting
                    if (random.nextDouble() < (isEcac ? 0.3 : 0.5)) {
                        List<Object[]> roster = active.get(committee);
                        Object[] mover = roster.get(random.nextInt(roster.size()));
                        String topic = any(random, TOPICS);
                        long mid = ++motionId;
                        int present = roster.size() * 8 / 10;
                        int yes = present / 2 + 1 + random.nextInt(Math.max(1, present / 2));
                        boolean passes = random.nextDouble() < 0.9;
                        int no = passes ? Math.max(0, present - yes - 1) : yes + 1;
                        List<Object[]> path = path(random, mid, day, today, passes, isEcac, c[1].toString());
                        String stage = (String) path.getLast()[2];
                        for (Object[] st : path) {
                            st[0] = ++stepId;
                            steps.add(st);
                        }
                        boolean responded = path.stream().anyMatch(s -> s[2].equals("BOARD_RESPONDED"));
                        motions.add(new Object[] {
                            mid,
                            committee,
                            id,
                            title(topic),
                            body(topic),
                            topic,
                            mover[0],
                            yes,
                            no,
                            random.nextInt(3),
                            stage,
                            responded
                                    ? "The Board thanked the committee and directed staff to report back "
                                            + "with an implementation plan."
                                    : null,
                            day
                        });
                    }
                }
            }
            long rows = ctx.copy(
                    "engagement.meeting",
                    List.of(
                            "id",
                            "committee_id",
                            "starts_at",
                            "place",
                            "virtual_link",
                            "agenda",
                            "agenda_posted_on",
                            "interpretation_languages",
                            "public_comments",
                            "minutes",
                            "minutes_approved_on",
                            "minutes_posted_on",
                            "status"),
                    out -> meetings.forEach(out::row));
            rows += ctx.copy(
                    "engagement.meeting_document",
                    List.of("meeting_id", "title", "url", "kind", "published"),
                    out -> documents.forEach(out::row));
            rows += ctx.copy(
                    "engagement.attendance",
                    List.of("meeting_id", "membership_id", "mode", "miles"),
                    out -> attendance.forEach(out::row));
            rows += ctx.copy(
                    "engagement.stipend",
                    List.of(
                            "id",
                            "meeting_id",
                            "membership_id",
                            "stipend_amount",
                            "miles",
                            "mileage_amount",
                            "status",
                            "status_on"),
                    out -> stipends.forEach(out::row));
            rows += ctx.copy(
                    "engagement.motion",
                    List.of(
                            "id",
                            "committee_id",
                            "meeting_id",
                            "title",
                            "body",
                            "topic",
                            "mover_membership_id",
                            "votes_yes",
                            "votes_no",
                            "votes_abstain",
                            "stage",
                            "board_response",
                            "created_on"),
                    out -> motions.forEach(out::row));
            rows += ctx.copy(
                    "engagement.motion_step",
                    List.of("id", "motion_id", "stage", "taken_on", "taken_by", "note"),
                    out -> steps.forEach(out::row));
            return rows;
        }

        /** The steps a motion made at a meeting on {@code day} has taken by {@code today}. */
        private static List<Object[]> path(
                Random random,
                long motion,
                LocalDate day,
                LocalDate today,
                boolean passes,
                boolean isEcac,
                String committee) {
            List<Object[]> steps = new ArrayList<>();
            steps.add(
                    new Object[] {0L, motion, "PROPOSED", day.minusDays(random.nextInt(20)), committee + " member", null
                    });
            if (!passes) {
                steps.add(new Object[] {0L, motion, "NOT_ADOPTED", day, committee + " chair", "vote failed"});
                return steps;
            }
            steps.add(new Object[] {0L, motion, "ADOPTED", day, committee + " chair", "vote at meeting"});
            LocalDate at = day;
            List<RecommendationStage> rest = isEcac
                    ? List.of(
                            RecommendationStage.PLACED_ON_BOARD_AGENDA,
                            RecommendationStage.BOARD_RESPONDED,
                            RecommendationStage.CLOSED)
                    : List.of(
                            RecommendationStage.FORWARDED_TO_ECAC,
                            RecommendationStage.PLACED_ON_BOARD_AGENDA,
                            RecommendationStage.BOARD_RESPONDED,
                            RecommendationStage.CLOSED);
            for (RecommendationStage stage : rest) {
                // responses are slower, and a few never come (they show as overdue)
                int gap = switch (stage) {
                    case FORWARDED_TO_ECAC -> 5 + random.nextInt(25);
                    case PLACED_ON_BOARD_AGENDA -> 20 + random.nextInt(40);
                    case BOARD_RESPONDED -> random.nextDouble() < 0.25 ? 400 : 30 + random.nextInt(70);
                    default -> 7 + random.nextInt(20);
                };
                at = at.plusDays(gap);
                if (!at.isBefore(today)) {
                    break;
                }
                String by = switch (stage) {
                    case FORWARDED_TO_ECAC -> "engagement-staff";
                    case PLACED_ON_BOARD_AGENDA -> "ECAC chair";
                    case BOARD_RESPONDED -> "Board clerk";
                    default -> "engagement-staff";
                };
                steps.add(new Object[] {0L, motion, stage.name(), at, by, null});
            }
            return steps;
        }

        private static String title(String topic) {
            return switch (topic) {
                case "access-to-care" -> "Extend evening clinic hours in the region";
                case "language-access" -> "Translate member notices into all threshold languages";
                case "transportation" -> "Shorten ride scheduling for medical appointments";
                case "pharmacy" -> "Publish pharmacy changes 60 days ahead";
                case "behavioral-health" -> "Add walk-in behavioral health hours at centers";
                case "member-services" -> "Call-back option on the member services line";
                case "housing" -> "Share housing navigation contacts at every meeting";
                default -> "Expand food pantry days at Community Resource Centers";
            };
        }

        private static String body(String topic) {
            return "The committee recommends that the Board of Governors direct staff to act on "
                    + topic.replace('-', ' ')
                    + " concerns raised by members at recent meetings, and report back within six months.";
        }
    }
}
