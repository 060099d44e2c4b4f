package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoPerson;
import org.commonweal.grants.internal.GrantsHistory.HistoricAward;
import org.commonweal.grants.internal.GrantsHistory.ProgramCode;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * The CHIF history since 2000 (the same at both scales: history is history) and the current state: open and upcoming
 * funding cycles, applications in review for the demo reviewer, a Board meeting, and the demo grantee organization
 * {@code DEMO-GRANTEE-ORG} with an active award.
 */
@Component
class GrantsDemoData implements DemoDataGenerator {

    /** Every table reset() empties. */
    private static final List<String> TABLES = List.of(
            "grants.report_reminder",
            "grants.report_due_change",
            "grants.extension_request",
            "grants.application_edit",
            "grants.letter_of_intent",
            "grants.organization_contact",
            "grants.outcome",
            "grants.report_requirement",
            "grants.disbursement",
            "grants.award_amendment",
            "grants.award",
            "grants.slate_item",
            "grants.board_action",
            "grants.board_meeting",
            "grants.review_score",
            "grants.review_assignment",
            "grants.attachment",
            "grants.budget_line",
            "grants.application",
            "grants.organization",
            "grants.rubric_criterion",
            "grants.funding_cycle",
            "grants.program");

    static final String DEMO_ORG_REF = "DEMO-GRANTEE-ORG";

    private static final String[] SUFFIX = {
        "Community Health Center",
        "Family Clinic",
        "Health Services",
        "Free Clinic",
        "Wellness Collaborative",
        "Medical Center",
        "Community Clinic",
        "Health Alliance"
    };
    private static final String[] TYPES = {"FQHC", "COMMUNITY_CLINIC", "FREE_CLINIC", "NON_PROFIT", "COUNTY_DEPARTMENT"
    };

    private final Outbox outbox;

    private final ZoneId zone;

    GrantsDemoData(Outbox outbox, PlanIdentity plan) {
        this.outbox = outbox;
        this.zone = plan.timeZone();
    }

    @Override
    public String name() {
        return "grants";
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
        // the shared outbox holds only what users' actions queued; they went with the tables above
        outbox.discard(name());
    }

    @Override
    public long generate(DemoContext context) {
        var jdbc = context.jdbc();
        Random random = context.random("grants");
        LocalDate today = LocalDate.now(zone);
        long rows = programs(context);
        rows += organizations(context, random);
        List<HistoricAward> history = GrantsHistory.plan(random, today.getYear());
        rows += awards(context, history, today, random);
        rows += cycles(context, today);
        for (String table :
                List.of("program", "organization", "award", "disbursement", "report_requirement", "funding_cycle")) {
            jdbc.sql("select setval(pg_get_serial_sequence('grants." + table + "', 'id'), (select max(id) from grants."
                            + table + "))")
                    .query()
                    .singleValue();
        }
        rows += reviewPipeline(context, today);
        return rows;
    }

    private long programs(DemoContext context) {
        return context.copy(
                "grants.program",
                List.of("id", "code", "name", "name_es", "strategy", "funding_source", "envelope", "since_year"),
                r -> {
                    r.row(
                            1,
                            "CORE",
                            "Community Health Capacity and Access",
                            "Capacidad y acceso a la salud comunitaria",
                            "Safety-net capacity, access and prevention",
                            "L.A. Care general fund",
                            new BigDecimal("3000000"),
                            2000);
                    r.row(
                            2,
                            "ORAL",
                            "Oral Health Initiatives",
                            "Iniciativas de salud bucal",
                            "Dental access for children and adults",
                            "L.A. Care general fund",
                            new BigDecimal("1000000"),
                            2003);
                    r.row(
                            3,
                            "TRANQUADA",
                            "Robert E. Tranquada Safety Net Awards",
                            "Premios Robert E. Tranquada a la red de seguridad",
                            "Clinic infrastructure: equipment, facilities, technology",
                            "L.A. Care general fund",
                            new BigDecimal("2100000"),
                            2007);
                    r.row(
                            4,
                            "HHC",
                            "Homeless Health Care",
                            "Atención médica para personas sin hogar",
                            "Health care for people experiencing homelessness",
                            "Board-designated reserve ($20M over five years)",
                            new BigDecimal("20000000"),
                            2017);
                });
    }

    private long organizations(DemoContext context, Random random) {
        DemoPeople people = context.people();
        Set<String> eins = new HashSet<>();
        Set<String> names = new HashSet<>();
        return context.copy(
                "grants.organization",
                List.of(
                        "id",
                        "ein",
                        "org_ref",
                        "legal_name",
                        "org_type",
                        "street",
                        "city",
                        "zip",
                        "spa",
                        "contact_name",
                        "contact_email"),
                r -> {
                    for (int i = 0; i < GrantsHistory.ORGANIZATIONS; i++) {
                        String ein;
                        do {
                            ein = "95-" + (1_000_000 + random.nextInt(9_000_000));
                        } while (!eins.add(ein));
                        DemoPerson contact = people.person(random, 45);
                        String type = i == 0
                                ? "FQHC"
                                : GrantsHistory.isClinic(i)
                                        ? TYPES[random.nextInt(3)]
                                        : (random.nextInt(6) == 0 ? "COUNTY_DEPARTMENT" : "NON_PROFIT");
                        String name = i == 0 ? "Eastside Community Health Center" : null;
                        while (name == null || !names.add(name)) {
                            String place = random.nextBoolean() ? contact.zip().city() : contact.lastName();
                            name = place + " " + SUFFIX[random.nextInt(SUFFIX.length)]
                                    + (names.contains(place + " x") ? "" : "");
                            if (names.contains(name)) {
                                name = name + " " + (char) ('A' + random.nextInt(26));
                            }
                        }
                        String ref = i == 0 ? DEMO_ORG_REF : "EIN-" + ein;
                        r.row(
                                i + 1,
                                ein,
                                ref,
                                name,
                                type,
                                contact.street(),
                                contact.zip().city(),
                                contact.zip().zip(),
                                contact.zip().spa() == 0 ? null : contact.zip().spa(),
                                contact.firstName() + " " + contact.lastName(),
                                "grants@"
                                        + name.toLowerCase()
                                                .replaceAll("[^a-z]", "")
                                                .substring(0, Math.min(12, name.length()))
                                        + ".example.org");
                    }
                });
    }

    private long awards(DemoContext context, List<HistoricAward> history, LocalDate today, Random random) {
        List<Object[]> disbursements = new ArrayList<>();
        List<Object[]> reports = new ArrayList<>();
        int[] program = {0, 1, 2, 3};
        long rows = context.copy(
                "grants.award",
                List.of(
                        "id",
                        "award_number",
                        "organization_id",
                        "program_id",
                        "title",
                        "amount",
                        "awarded_on",
                        "starts_on",
                        "ends_on",
                        "status",
                        "closed_on",
                        "source"),
                r -> {
                    int id = 0;
                    boolean demoOrgActive = false;
                    for (HistoricAward a : history) {
                        id++;
                        int organization = a.organization();
                        if (!demoOrgActive && a.year() == today.getYear() && a.program() == ProgramCode.CORE) {
                            organization = 0;
                            demoOrgActive = true;
                        }
                        LocalDate starts = a.awardedOn().plusMonths(1).withDayOfMonth(1);
                        LocalDate ends = starts.plusMonths(a.months()).minusDays(1);
                        boolean closed = ends.plusMonths(3).isBefore(today);
                        String title = title(a.program(), random);
                        r.row(
                                id,
                                "CHIF-" + a.year() + "-" + String.format("%05d", id),
                                organization + 1,
                                program[a.program().ordinal()] + 1,
                                title,
                                a.amount(),
                                a.awardedOn(),
                                starts,
                                ends,
                                closed ? "CLOSED" : "ACTIVE",
                                closed ? ends.plusMonths(3) : null,
                                "HISTORY");
                        BigDecimal first =
                                a.amount().divide(BigDecimal.valueOf(2)).setScale(2, java.math.RoundingMode.DOWN);
                        BigDecimal second = a.amount().subtract(first);
                        LocalDate secondDue = starts.plusMonths(a.months() / 2);
                        disbursements.add(new Object[] {id, 1, first, starts, "Agreement signed", "PAID", starts});
                        boolean secondPaid = closed || secondDue.isBefore(today);
                        disbursements.add(new Object[] {
                            id,
                            2,
                            second,
                            secondDue,
                            "Interim report accepted",
                            secondPaid ? "PAID" : "SCHEDULED",
                            secondPaid ? secondDue : null
                        });
                        if (closed) {
                            reports.add(new Object[] {id, "FINAL", ends.plusDays(30), "ACCEPTED"});
                        } else {
                            reports.add(new Object[] {
                                id,
                                "INTERIM",
                                secondDue.minusDays(15),
                                secondDue.minusDays(15).isBefore(today) && random.nextInt(3) > 0 ? "ACCEPTED" : "DUE"
                            });
                            reports.add(new Object[] {id, "FINAL", ends.plusDays(30), "DUE"});
                        }
                    }
                });
        rows += context.copy(
                "grants.disbursement",
                List.of(
                        "award_id",
                        "seq",
                        "amount",
                        "due_on",
                        "milestone",
                        "status",
                        "approved_by",
                        "approved_at",
                        "paid_on"),
                r -> {
                    for (Object[] d : disbursements) {
                        boolean paid = "PAID".equals(d[5]);
                        r.row(
                                d[0],
                                d[1],
                                d[2],
                                d[3],
                                d[4],
                                d[5],
                                paid ? "history" : null,
                                paid
                                        ? ZonedDateTime.of((LocalDate) d[6], LocalTime.NOON, zone)
                                                .toOffsetDateTime()
                                        : null,
                                d[6]);
                    }
                });
        rows += context.copy("grants.report_requirement", List.of("award_id", "kind", "due_on", "status"), r -> {
            for (Object[] q : reports) {
                r.row(q);
            }
        });
        return rows;
    }

    private static String title(ProgramCode program, Random random) {
        String[][] titles = {
            {
                "Expanding evening clinic hours",
                "Community health worker outreach",
                "Diabetes prevention program",
                "Behavioral health integration",
                "Patient navigation for new members",
                "Mobile screening services"
            },
            {
                "School-based dental sealants",
                "Mobile dental van",
                "Adult dental access",
                "Fluoride varnish in pediatrics"
            },
            {
                "Electronic health record upgrade",
                "Clinic renovation and expansion",
                "Telehealth equipment",
                "Diagnostic imaging equipment",
                "Pharmacy modernization"
            },
            {
                "Street medicine team",
                "Shelter-based primary care",
                "Recuperative care beds",
                "Housing-linked case management"
            }
        };
        String[] options = titles[program.ordinal()];
        return options[random.nextInt(options.length)];
    }

    private long cycles(DemoContext context, LocalDate today) {
        LocalTime five = LocalTime.of(17, 0);
        var rows = context.copy(
                "grants.funding_cycle",
                List.of(
                        "id",
                        "program_id",
                        "code",
                        "title",
                        "title_es",
                        "summary",
                        "summary_es",
                        "opens_on",
                        "closes_at",
                        "envelope",
                        "award_floor",
                        "award_ceiling",
                        "expected_awards",
                        "eligibility",
                        "questions"),
                r -> {
                    String[] questions = {
                        "Describe the community need and the members you serve.",
                        "Describe the project, its milestones and who will carry it out.",
                        "How will you measure results?"
                    };
                    r.row(
                            1,
                            3,
                            "TRANQUADA-" + (today.getYear() + 1),
                            "Robert E. Tranquada Safety Net Awards " + (today.getYear() + 1),
                            "Premios Robert E. Tranquada a la red de seguridad " + (today.getYear() + 1),
                            "Infrastructure grants for safety-net clinics serving L.A. Care members.",
                            "Subvenciones de infraestructura para clínicas de la red de seguridad que atienden a miembros de L.A. Care.",
                            today.minusDays(30),
                            at(today.plusDays(45), five),
                            new BigDecimal("2100000"),
                            new BigDecimal("50000"),
                            new BigDecimal("175000"),
                            12,
                            "Licensed community or free clinics and FQHCs in Los Angeles County.",
                            questions);
                    r.row(
                            2,
                            2,
                            "ORAL-" + (today.getYear() + 1),
                            "Oral Health Access " + (today.getYear() + 1),
                            "Acceso a la salud bucal " + (today.getYear() + 1),
                            "Dental services for children and adults in underserved areas.",
                            "Servicios dentales para niños y adultos en zonas desatendidas.",
                            today.minusDays(10),
                            at(today.plusDays(60), five),
                            new BigDecimal("1000000"),
                            new BigDecimal("25000"),
                            new BigDecimal("150000"),
                            8,
                            "Non-profit organizations providing dental care in Los Angeles County.",
                            questions);
                    r.row(
                            3,
                            4,
                            "HHC-" + (today.getYear() + 1),
                            "Homeless Health Care Bridge " + (today.getYear() + 1),
                            "Puente de atención médica para personas sin hogar " + (today.getYear() + 1),
                            "Street medicine and shelter-based care.",
                            "Medicina callejera y atención en albergues.",
                            today.plusDays(30),
                            at(today.plusDays(90), five),
                            new BigDecimal("4000000"),
                            new BigDecimal("100000"),
                            new BigDecimal("400000"),
                            10,
                            "Organizations serving people experiencing homelessness.",
                            questions);
                    r.row(
                            4,
                            1,
                            "CORE-" + today.getYear(),
                            "Community Health Capacity " + today.getYear(),
                            "Capacidad de salud comunitaria " + today.getYear(),
                            "Capacity and access grants for safety-net organizations.",
                            "Subvenciones de capacidad y acceso para organizaciones de la red de seguridad.",
                            today.minusDays(90),
                            at(today.minusDays(20), five),
                            new BigDecimal("1500000"),
                            new BigDecimal("25000"),
                            new BigDecimal("150000"),
                            12,
                            "Non-profit safety-net organizations in Los Angeles County.",
                            questions);
                });
        // the Homeless Health Care cycle asks for a letter of intent first, due ten days before it opens
        context.jdbc()
                .sql("update grants.funding_cycle set loi_required = true, loi_closes_at = ? where id = 3")
                .param(at(today.plusDays(20), five))
                .update();
        rows += context.copy(
                "grants.rubric_criterion", List.of("cycle_id", "code", "label", "max_score", "weight"), r -> {
                    for (int cycle = 1; cycle <= 4; cycle++) {
                        r.row(cycle, "1-need", "Community need", 5, new BigDecimal("2"));
                        r.row(cycle, "2-plan", "Project plan and feasibility", 5, new BigDecimal("1.5"));
                        r.row(cycle, "3-equity", "Health equity and reach", 5, BigDecimal.ONE);
                        r.row(cycle, "4-budget", "Budget and sustainability", 5, BigDecimal.ONE);
                    }
                });
        return rows;
    }

    /** Applications of the closed current cycle, in review with the demo reviewer, and a Board meeting ahead. */
    private long reviewPipeline(DemoContext context, LocalDate today) {
        var jdbc = context.jdbc();
        String[] answers = {
            "We serve 12,000 Medi-Cal members in a high-need area.",
            "A six-month project led by our operations director.",
            "Visits, wait times and member satisfaction."
        };
        long rows = 0;
        for (int i = 0; i < 4; i++) {
            long org = 10 + i * 7;
            BigDecimal requested = new BigDecimal(90000 + i * 10000);
            String status = i == 0 ? "SUBMITTED" : "IN_REVIEW";
            long app = jdbc.sql("""
                    insert into grants.application (cycle_id, organization_id, title, requested_amount, answers, status,
                        created_by, submitted_at) values (4, ?, ?, ?, ?, ?, 'demo', ?) returning id""")
                    .params(
                            org,
                            "Community health capacity project " + (i + 1),
                            requested,
                            answers,
                            status,
                            java.sql.Timestamp.from(
                                    at(today.minusDays(25), LocalTime.NOON).toInstant()))
                    .query(Long.class)
                    .single();
            jdbc.sql("insert into grants.budget_line values (?, 1, 'Personnel', 'Project staff', ?)")
                    .params(app, requested)
                    .update();
            if (i > 0) {
                jdbc.sql("insert into grants.review_assignment (application_id, reviewer) values (?, 'grant-reviewer')")
                        .param(app)
                        .update();
            }
            rows += 2;
        }
        jdbc.sql(
                        "insert into grants.board_meeting (meeting_date, title) values (?, 'Board of Governors regular meeting')")
                .param(today.plusDays(14))
                .update();
        return rows + 1;
    }

    private java.time.OffsetDateTime at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toOffsetDateTime();
    }
}
