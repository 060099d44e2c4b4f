package org.commonweal.housing.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoPerson;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * Housing for Health over five years: people met by street outreach, referred through coordinated entry, housed in
 * permanent supportive housing or rapid re-housing with a state-funded rental subsidy and intensive case management,
 * some leaving, some returning to the street. Client 1 is always an open case of the demo {@code case-manager}.
 */
@Component
class HousingDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "housing.hmis_record",
            "housing.notice",
            "housing.payment",
            "housing.subsidy",
            "housing.funding_source",
            "housing.ce_event",
            "housing.task",
            "housing.service",
            "housing.enrollment",
            "housing.assignment",
            "housing.team_member",
            "housing.team",
            "housing.consent",
            "housing.client",
            "housing.project",
            "housing.organization");

    static final String[][] TEAMS = {
        {"1", "Metro ICMS", "sup-metro", "case-manager", "cm-rivera", "cm-okafor"},
        {"2", "South County ICMS", "sup-south", "cm-nguyen", "cm-hart", "cm-park"}
    };

    static final LocalDate GRANT_START = LocalDate.of(2022, 7, 1);
    static final LocalDate GRANT_END = LocalDate.of(2027, 6, 30);
    static final BigDecimal STATE_RENT_TOTAL = new BigDecimal("20000000.00");
    static final BigDecimal ICMS_TOTAL = new BigDecimal("7000000.00");
    static final BigDecimal ICMS_PER_CLIENT_MONTH = new BigDecimal("450.00");

    private static final String[] NOTES = {
        "Met at encampment; agreed to follow-up next week.",
        "Reviewed lease terms and move-in checklist.",
        "Accompanied to primary care appointment; medication list updated.",
        "Helped complete benefits application; waiting on documents.",
        "Landlord reported noise complaint; discussed house rules.",
        "Client reports stable week; food pantry referral given.",
        "Missed appointment; left message and will try again.",
        "Connected to behavioral health clinic intake."
    };
    private static final String[] TASKS = {
        "Renew ID card",
        "Follow up on SSI application",
        "Annual recertification",
        "Schedule primary care visit",
        "Landlord check-in",
        "Renew release of information",
        "Furniture delivery",
        "Behavioral health intake"
    };

    private final ZoneId zone;

    private final org.commonweal.platform.Outbox outbox;

    HousingDemoData(PlanIdentity plan, org.commonweal.platform.Outbox outbox) {
        this.zone = plan.timeZone();
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "housing";
    }

    @Override
    public int order() {
        return 700;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void reset(DemoContext ctx) {
        for (String table : TABLES) {
            ctx.jdbc().sql("delete from " + table).update();
        }
        // the case managers' notices queued by users' actions went with the tables above
        outbox.discard(name());
    }

    @Override
    public long generate(DemoContext ctx) {
        LocalDate today = LocalDate.now(zone);
        int clients = (int) ctx.scale().pick(300, 3000);
        var plan = new Pathways(
                ctx.random("housing"), ctx.people(), today, ctx.scale().pick(3_000, 2_900_000));
        for (int i = 1; i <= clients; i++) {
            plan.client(i, i == 1);
        }
        plan.fundCaseManagement();
        long rows = reference(ctx);
        rows += ctx.copy(
                "housing.client",
                List.of(
                        "id",
                        "personal_id",
                        "member_id",
                        "first_name",
                        "last_name",
                        "birth_date",
                        "dob_quality",
                        "ssn_last4",
                        "race",
                        "gender",
                        "veteran_status",
                        "disabling_condition",
                        "spa"),
                out -> plan.clientRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.consent",
                List.of("client_id", "shared_with", "scope", "signed_on", "expires_on"),
                out -> plan.consentRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.assignment",
                List.of("client_id", "case_manager", "assigned_on", "ended_on", "assigned_by"),
                out -> plan.assignmentRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.enrollment",
                List.of(
                        "id",
                        "hmis_id",
                        "client_id",
                        "project_id",
                        "household_id",
                        "relationship_to_hoh",
                        "entry_date",
                        "living_situation",
                        "disabling_condition",
                        "move_in_date",
                        "exit_date",
                        "destination",
                        "destination_subsidy_type"),
                out -> plan.enrollmentRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.service",
                List.of(
                        "enrollment_id",
                        "client_id",
                        "provided_on",
                        "minutes",
                        "service_type",
                        "note",
                        "next_steps",
                        "staff"),
                out -> plan.serviceRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.task",
                List.of("client_id", "title", "due_on", "done_on", "owner"),
                out -> plan.taskRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.ce_event",
                List.of("enrollment_id", "client_id", "event_date", "event", "referral_result", "result_date"),
                out -> plan.eventRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.subsidy",
                List.of(
                        "id",
                        "client_id",
                        "funding_source_id",
                        "landlord",
                        "unit",
                        "monthly_rent",
                        "tenant_share",
                        "starts_on",
                        "ends_on"),
                out -> plan.subsidyRows.forEach(r -> out.row(r)));
        rows += ctx.copy(
                "housing.payment",
                List.of(
                        "funding_source_id",
                        "subsidy_id",
                        "month",
                        "amount",
                        "status",
                        "paid_on",
                        "description",
                        "created_by"),
                out -> plan.paymentRows.forEach(r -> out.row(r)));
        for (String table : List.of("client", "enrollment", "subsidy")) {
            ctx.jdbc()
                    .sql("select setval(pg_get_serial_sequence('housing." + table + "', 'id'), "
                            + "(select coalesce(max(id), 0) + 1 from housing." + table + "), false)")
                    .query()
                    .singleValue();
        }
        // fresh statistics, so the planner sees the loaded sizes before autovacuum does
        ctx.jdbc()
                .sql("analyze housing.client, housing.assignment, housing.enrollment, housing.service, housing.task, "
                        + "housing.ce_event, housing.subsidy, housing.payment, housing.consent")
                .update();
        return rows;
    }

    private static long reference(DemoContext ctx) {
        var jdbc = ctx.jdbc();
        jdbc.sql("""
                insert into housing.organization (id, name) values
                ('ORG-DHS', 'LA County Department of Health Services – Housing for Health'),
                ('ORG-LAC', 'L.A. Care Health Plan'),
                ('ORG-METRO', 'Metro Intensive Case Management Services'),
                ('ORG-SOUTH', 'South County Intensive Case Management Services')""").update();
        jdbc.sql("""
                insert into housing.project (id, organization_id, name, project_type, spa, operating_start) values
                ('P-SO-METRO', 'ORG-METRO', 'Metro Street Outreach', 4, 4, '2019-01-01'),
                ('P-SO-SOUTH', 'ORG-SOUTH', 'South County Street Outreach', 4, 6, '2019-01-01'),
                ('P-CE', 'ORG-DHS', 'Coordinated Entry System – Housing for Health', 14, null, '2019-01-01'),
                ('P-IH', 'ORG-DHS', 'Interim Housing – Recuperative Care', 0, 4, '2019-01-01'),
                ('P-PSH-METRO', 'ORG-METRO', 'Metro Permanent Supportive Housing (ICMS)', 3, 4, '2019-01-01'),
                ('P-PSH-SOUTH', 'ORG-SOUTH', 'South County Permanent Supportive Housing (ICMS)', 3, 6, '2019-01-01'),
                ('P-RRH', 'ORG-DHS', 'Housing for Health Rapid Re-Housing', 13, null, '2019-01-01')""").update();
        jdbc.sql("""
                insert into housing.funding_source (id, name, purpose, total, starts_on, ends_on) values
                ('STATE-RENT', 'State rental subsidy grant for Medi-Cal members', 'rent', :rent, :start, :end),
                ('LAC-ICMS', 'L.A. Care intensive case management commitment', 'case-management', :icms, :start, :end)""")
                .param("rent", STATE_RENT_TOTAL)
                .param("icms", ICMS_TOTAL)
                .param("start", GRANT_START)
                .param("end", GRANT_END)
                .update();
        long rows = 4 + 7 + 2;
        for (String[] team : TEAMS) {
            jdbc.sql("insert into housing.team (id, name, supervisor_username) values (?, ?, ?)")
                    .params(Integer.parseInt(team[0]), team[1], team[2])
                    .update();
            for (int i = 3; i < team.length; i++) {
                jdbc.sql("insert into housing.team_member (username, team_id) values (?, ?)")
                        .params(team[i], Integer.parseInt(team[0]))
                        .update();
                rows++;
            }
        }
        return rows;
    }

    /** Builds the rows of each client's pathway in memory, then they are COPYed. */
    static final class Pathways {

        final List<Object[]> clientRows = new ArrayList<>();
        final List<Object[]> consentRows = new ArrayList<>();
        final List<Object[]> assignmentRows = new ArrayList<>();
        final List<Object[]> enrollmentRows = new ArrayList<>();
        final List<Object[]> serviceRows = new ArrayList<>();
        final List<Object[]> taskRows = new ArrayList<>();
        final List<Object[]> eventRows = new ArrayList<>();
        final List<Object[]> subsidyRows = new ArrayList<>();
        final List<Object[]> paymentRows = new ArrayList<>();
        /** Housed clients per month, for the case-management invoices. */
        final java.util.Map<YearMonth, Integer> housedByMonth = new java.util.HashMap<>();

        private final Random random;
        private final DemoPeople people;
        private final LocalDate today;
        private long enrollmentId;
        private long subsidyId;
        private BigDecimal rentCommitted = BigDecimal.ZERO;

        private final long coverageMembers;

        /**
         * @param coverageMembers how many members the coverage demo data numbers {@code LA000000001} on at this
         *     scale: clients who are members point at one of them, so coverage spans exist behind them
         */
        Pathways(Random random, DemoPeople people, LocalDate today, long coverageMembers) {
            this.random = random;
            this.people = people;
            this.today = today;
            this.coverageMembers = coverageMembers;
        }

        /** A coverage demo member id (two draws, as before the link to coverage, so the rest of the data is unchanged). */
        private String memberId(int draw, int unused) {
            return String.format("LA%09d", 1 + draw % coverageMembers);
        }

        void client(long id, boolean demoCase) {
            DemoPerson person = people.person(random, 25 + random.nextInt(45));
            int spa = person.zip().spa();
            boolean south = spa >= 6;
            String[] team = TEAMS[south ? 1 : 0];
            String manager = demoCase ? "case-manager" : team[3 + random.nextInt(team.length - 3)];
            String memberId =
                    random.nextDouble() < 0.88 ? memberId(random.nextInt(10_000_000), random.nextInt(26)) : null;
            clientRows.add(new Object[] {
                id,
                String.format("HFH%07d", id),
                memberId,
                person.firstName(),
                person.lastName(),
                person.birthDate(),
                1,
                random.nextDouble() < 0.6 ? String.format("%04d", random.nextInt(10000)) : null,
                race(person.raceEthnicity()),
                new String[] {person.sex().equals("F") ? "Woman" : "Man"},
                random.nextDouble() < 0.07 ? 1 : 0,
                random.nextDouble() < 0.8 ? 1 : 0,
                spa
            });
            LocalDate start = demoCase
                    ? today.minusMonths(16)
                    : LocalDate.of(2021, 12, 1).plusDays(random.nextInt((int)
                            (today.toEpochDay() - 60 - LocalDate.of(2021, 12, 1).toEpochDay())));
            assign(id, manager, team, start, demoCase);
            for (LocalDate signed = start; !signed.isAfter(today); signed = signed.plusYears(1)) {
                consentRows.add(new Object[] {
                    id,
                    "L.A. Care, DHS Housing for Health and the ICMS provider",
                    "health and housing records for care coordination",
                    signed,
                    signed.plusYears(1).minusDays(1)
                });
            }
            pathway(id, start, south, manager, demoCase);
        }

        private void assign(long id, String manager, String[] team, LocalDate start, boolean demoCase) {
            if (!demoCase && random.nextDouble() < 0.3) {
                String earlier = team[3 + random.nextInt(team.length - 3)];
                LocalDate change = start.plusDays(60 + random.nextInt(200));
                if (change.isBefore(today) && !earlier.equals(manager)) {
                    assignmentRows.add(new Object[] {id, earlier, start, change, team[2]});
                    assignmentRows.add(new Object[] {id, manager, change, null, team[2]});
                    return;
                }
            }
            assignmentRows.add(new Object[] {id, manager, start, null, team[2]});
        }

        private void pathway(long clientId, LocalDate start, boolean south, String manager, boolean demoCase) {
            int prior = demoCase ? 116 : new int[] {116, 116, 116, 101, 101, 206, 207, 314}[random.nextInt(8)];
            long outreach = ++enrollmentId;
            LocalDate referral = start.plusDays(20 + random.nextInt(70));
            boolean housedPath = demoCase || random.nextDouble() < 0.75;
            if (!housedPath || !referral.isBefore(today)) {
                LocalDate exit = random.nextDouble() < 0.6 ? start.plusDays(90 + random.nextInt(270)) : null;
                if (exit != null && exit.isAfter(today)) {
                    exit = null;
                }
                Integer dest = exit == null ? null : new int[] {116, 30, 312, 207}[random.nextInt(4)];
                enrollment(
                        outreach, clientId, south ? "P-SO-SOUTH" : "P-SO-METRO", start, prior, null, exit, dest, null);
                contacts(outreach, clientId, start, exit, manager, "outreach", 2);
                if (exit == null) {
                    openTasks(clientId, manager);
                }
                return;
            }
            boolean rrh = !demoCase && random.nextDouble() < 0.2;
            int daysToMoveIn = 30 + (int) Math.abs(random.nextGaussian() * 70);
            LocalDate moveIn = demoCase ? referral.plusDays(45) : referral.plusDays(daysToMoveIn);
            if (moveIn.isAfter(today)) {
                moveIn = null;
            }
            enrollment(
                    outreach,
                    clientId,
                    south ? "P-SO-SOUTH" : "P-SO-METRO",
                    start,
                    prior,
                    null,
                    moveIn,
                    moveIn == null ? null : 435,
                    moveIn == null ? null : rrh ? 431 : 439);
            contacts(outreach, clientId, start, moveIn == null ? referral : moveIn, manager, "outreach", 2);
            long ce = ++enrollmentId;
            enrollment(ce, clientId, "P-CE", referral.minusDays(10), prior, null, referral, 17, null);
            eventRows.add(new Object[] {ce, clientId, referral, rrh ? 13 : 14, 1, referral.plusDays(7)});
            long housed = ++enrollmentId;
            LocalDate exit = null;
            Integer destination = null;
            if (moveIn != null && !demoCase) {
                double monthlyExit = rrh ? 0.03 : 0.012;
                for (LocalDate m = moveIn.plusMonths(1); m.isBefore(today); m = m.plusMonths(1)) {
                    if (random.nextDouble() < monthlyExit) {
                        exit = m.plusDays(random.nextInt(28));
                        destination = exitDestination();
                        break;
                    }
                }
                if (exit != null && exit.isAfter(today)) {
                    exit = null;
                    destination = null;
                }
            }
            String project = rrh ? "P-RRH" : south ? "P-PSH-SOUTH" : "P-PSH-METRO";
            enrollment(
                    housed,
                    clientId,
                    project,
                    referral,
                    prior,
                    moveIn,
                    exit,
                    destination,
                    destination != null && destination == 435 ? 433 : null);
            contacts(housed, clientId, referral, exit, manager, null, 3);
            if (moveIn != null) {
                subsidy(clientId, moveIn, exit);
            }
            if (exit == null) {
                openTasks(clientId, manager);
            } else if (destination / 100 == 4 && random.nextDouble() < 0.18) {
                LocalDate back = exit.plusDays(40 + random.nextInt(260));
                if (back.isBefore(today)) {
                    long again = ++enrollmentId;
                    enrollment(again, clientId, south ? "P-SO-SOUTH" : "P-SO-METRO", back, 116, null, null, null, null);
                    contacts(again, clientId, back, null, manager, "outreach", 2);
                }
            }
        }

        private int exitDestination() {
            int[] codes = {435, 422, 410, 116, 101, 207, 206, 24, 312, 313};
            double[] weights = {22, 8, 5, 20, 8, 9, 6, 9, 8, 5};
            return codes[DemoPeople.pick(random, weights)];
        }

        private void enrollment(
                long id,
                long clientId,
                String project,
                LocalDate entry,
                int prior,
                LocalDate moveIn,
                LocalDate exit,
                Integer destination,
                Integer subsidyType) {
            enrollmentRows.add(new Object[] {
                id, "E" + id, clientId, project, "HH" + id, 1, entry, prior, 1, moveIn, exit, destination, subsidyType
            });
        }

        private void contacts(
                long enrollment,
                long clientId,
                LocalDate from,
                LocalDate until,
                String staff,
                String onlyType,
                int perMonth) {
            LocalDate end = until == null || until.isAfter(today) ? today : until;
            String[] types = {
                "intensive-case-management",
                "intensive-case-management",
                "tenancy-support",
                "benefits-advocacy",
                "health-navigation",
                "accompaniment"
            };
            for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(30 / perMonth - 3 + random.nextInt(7))) {
                String type = onlyType != null ? onlyType : DemoPeople.any(random, types);
                serviceRows.add(new Object[] {
                    enrollment,
                    clientId,
                    d,
                    15 + 15 * random.nextInt(6),
                    type,
                    DemoPeople.any(random, NOTES),
                    random.nextDouble() < 0.4 ? "Follow up next visit" : null,
                    staff
                });
            }
        }

        private void openTasks(long clientId, String owner) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                taskRows.add(new Object[] {
                    clientId, DemoPeople.any(random, TASKS), today.plusDays(random.nextInt(25) - 5), null, owner
                });
            }
            taskRows.add(new Object[] {
                clientId,
                DemoPeople.any(random, TASKS),
                today.minusDays(20 + random.nextInt(60)),
                today.minusDays(10 + random.nextInt(10)),
                owner
            });
        }

        private void subsidy(long clientId, LocalDate moveIn, LocalDate exit) {
            long id = ++subsidyId;
            BigDecimal rent =
                    BigDecimal.valueOf(1500 + 50L * random.nextInt(19)).setScale(2);
            BigDecimal share = BigDecimal.valueOf(random.nextDouble() < 0.4 ? 0 : 30L * (1 + random.nextInt(12)))
                    .setScale(2);
            subsidyRows.add(new Object[] {
                id,
                clientId,
                "STATE-RENT",
                "Landlord " + (char) ('A' + random.nextInt(26)) + " Properties LLC",
                (100 + random.nextInt(900)) + " " + people.person(random, 40).street() + ", Unit "
                        + (1 + random.nextInt(40)),
                rent,
                share,
                moveIn,
                exit
            });
            YearMonth current = YearMonth.from(today);
            YearMonth first = YearMonth.from(moveIn.isBefore(GRANT_START) ? GRANT_START : moveIn);
            YearMonth last = exit == null ? current.plusMonths(1) : YearMonth.from(exit);
            BigDecimal amount = rent.subtract(share);
            for (YearMonth m = first; !m.isAfter(last) && !m.isAfter(YearMonth.from(GRANT_END)); m = m.plusMonths(1)) {
                housedByMonth.merge(m, 1, Integer::sum);
                if (rentCommitted.add(amount).compareTo(STATE_RENT_TOTAL) > 0) {
                    break; // the ledger's ceiling holds for demo data too
                }
                String status = m.isBefore(current)
                        ? (random.nextDouble() < 0.01 ? "returned" : "paid")
                        : random.nextDouble() < 0.03 ? "held" : "scheduled";
                if (!status.equals("returned")) {
                    rentCommitted = rentCommitted.add(amount);
                }
                paymentRows.add(new Object[] {
                    "STATE-RENT",
                    id,
                    m.atDay(1),
                    amount,
                    status,
                    status.equals("paid") ? m.atDay(3) : null,
                    "rent " + m,
                    "demo"
                });
            }
        }

        void fundCaseManagement() {
            YearMonth current = YearMonth.from(today);
            BigDecimal committed = BigDecimal.ZERO;
            for (YearMonth m = YearMonth.from(GRANT_START);
                    !m.isAfter(current) && !m.isAfter(YearMonth.from(GRANT_END));
                    m = m.plusMonths(1)) {
                int housed = housedByMonth.getOrDefault(m, 0);
                if (housed == 0) {
                    continue;
                }
                BigDecimal amount = ICMS_PER_CLIENT_MONTH.multiply(BigDecimal.valueOf(housed));
                if (committed.add(amount).compareTo(ICMS_TOTAL) > 0) {
                    break;
                }
                committed = committed.add(amount);
                boolean past = m.isBefore(current);
                paymentRows.add(new Object[] {
                    "LAC-ICMS",
                    null,
                    m.atDay(1),
                    amount,
                    past ? "paid" : "scheduled",
                    past ? m.plusMonths(1).atDay(10) : null,
                    "ICMS invoice " + m + ": " + housed + " clients",
                    "demo"
                });
            }
        }

        private static String[] race(String group) {
            return switch (group) {
                case "hispanic" -> new String[] {"HispanicLatinaeo"};
                case "white" -> new String[] {"White"};
                case "asian" -> new String[] {"Asian"};
                case "black" -> new String[] {"BlackAfAmerican"};
                default -> new String[] {"AmIndAKNative", "White"};
            };
        }
    }
}
