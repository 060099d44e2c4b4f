package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.quality.engine.EcqmEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attribution by claims from the rows a run has already read ({@link ClaimCopy}'s lines with their revenue code and
 * visit practitioner, {@link ClaimPlurality#visits(Map, LocalDate, LocalDate)}) gives what the claims query gives
 * ({@link ClaimPlurality#visits(java.util.Collection, LocalDate, LocalDate)}, the SQL the run used before): the same
 * visits, the same plurality provider, the same attribution. Hand-written claims at the rule's edges (ties, the
 * period's first and last days, voided and replaced claims, codes beside the qualifying ones, which NPI a visit
 * counts for, a day from the claim's statement date, a claim without lines, a member without claims), each with the
 * answer the rule gives by hand, then a few hundred generated members compared both ways.
 */
@IntegrationTest
class PluralityFromClaimsIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1), END = LocalDate.of(2026, 12, 31);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    ClaimPlurality plurality;

    @Autowired
    MemberAttribution attribution;

    @Autowired
    NetworkDirectory directory;

    @Autowired
    OwnEngineRuns ours;

    private final String tag = "ZZPLUR" + UUID.randomUUID().toString().substring(0, 8);
    private long fileId;
    private int segment;

    @BeforeEach
    void claimFile() {
        fileId = jdbc.sql("""
                insert into quality.claim_file (file_name, sha256, received_by) values ('plurality.x12', ?, 'test')
                returning id""").param(tag).query(Long.class).single();
    }

    @AfterEach
    void remove() {
        jdbc.sql("delete from quality.claim_file where id = ?").param(fileId).update();
    }

    /** A practitioner as the 837 import links it: NPI and directory reference. */
    private record Npi(String npi, String provider) {
        static Npi of(NetworkDirectory.ListedPractitioner p) {
            return new Npi(p.npi(), "Practitioner/" + p.contact().practitionerId());
        }
    }

    /** One line: code, revenue code, service date, the line's own rendering NPI (null: none). */
    private record Line(String code, String revenue, LocalDate day, Npi rendering) {}

    /** Listed practitioners, primary care or not, as the directory's facade sees them, by NPI. */
    private List<NetworkDirectory.ListedPractitioner> listed(boolean primaryCare, int how) {
        var npis = jdbc.sql("""
                select distinct p.npi from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                 where p.npi is not null and p.active and not p.suppressed and r.active and not r.suppressed
                 order by p.npi limit 400""").query(String.class).list();
        return directory.listedPractitionersByNpi(npis).values().stream()
                .filter(p -> p.primaryCare() == primaryCare)
                .sorted(Comparator.comparing(NetworkDirectory.ListedPractitioner::npi))
                .limit(how)
                .toList();
    }

    /** A claim of {@code status} with the claim-level rendering and billing NPIs, and its lines. */
    private void claim(
            String member, String status, char form, LocalDate statement, Npi rendering, Npi billing, Line... lines) {
        long id = jdbc.sql("""
                insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                  status, member_id, billing_npi, billing_provider, rendering_npi, rendering_provider, statement_from,
                  statement_to)
                values (?, ?, ?, ?, '1', ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        fileId,
                        ++segment,
                        "PCN" + segment,
                        String.valueOf(form),
                        status,
                        member,
                        billing.npi(),
                        billing.provider(),
                        rendering == null ? null : rendering.npi(),
                        rendering == null ? null : rendering.provider(),
                        statement,
                        statement)
                .query(Long.class)
                .single();
        int n = 0;
        for (var l : lines) {
            jdbc.sql("""
                    insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                      procedure_code, revenue_code, rendering_npi, rendering_provider)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            id,
                            member,
                            ++n,
                            l.day(),
                            l.day(),
                            l.code(),
                            l.revenue(),
                            l.rendering() == null ? null : l.rendering().npi(),
                            l.rendering() == null ? null : l.rendering().provider())
                    .update();
        }
    }

    /** A one-line office visit (99213) rendered by {@code p} on {@code day}. */
    private void visit(String member, Npi p, LocalDate day) {
        claim(member, "current", 'P', day, p, ORGANIZATION, new Line("99213", null, day, null));
    }

    private static final Npi ORGANIZATION = new Npi("1234567893", "Organization/billing-group");

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    /** The members' claims read as a run reads them: one COPY over their id range. */
    private Map<String, List<ClaimResources.StoredClaim>> copied(List<String> members) {
        var sorted = jdbc.sql("select m from unnest(?::text[]) m order by m")
                .param(members.toArray(String[]::new))
                .query(String.class)
                .list();
        return template.execute((ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>)
                c -> ClaimCopy.read(c, sorted.getFirst(), sorted.getLast(), new HashSet<>(members)));
    }

    private static Set<ClaimPlurality.Visits> flat(Map<String, List<ClaimPlurality.Visits>> byMember) {
        var out = new HashSet<ClaimPlurality.Visits>();
        byMember.values().forEach(out::addAll);
        return out;
    }

    /** Both ways: the same visits, the same providers and attributions (no spans: attributed by claims alone). */
    private Map<String, NetworkDirectory.ListedPractitioner> bothWays(List<String> members) {
        var fromRows = ClaimPlurality.visits(copied(members), START, END);
        var fromQuery = plurality.visits(members, START, END);
        assertThat(flat(fromRows)).isEqualTo(new HashSet<>(fromQuery));
        assertThat(fromQuery).doesNotHaveDuplicates();

        var period = attribution.period(START, END);
        var byRows = period.attribute(members, Map.of(), fromRows);
        var byQuery = period.attribute(members, Map.of());
        assertThat(byRows).isEqualTo(byQuery);
        var tally = period.tally();
        assertThat(tally.claimsQueries()).isEqualTo(1); // the query's way only

        var providers = ClaimPlurality.providers(flat(fromRows), npis -> directory.listedPractitionersByNpi(npis));
        assertThat(providers)
                .isEqualTo(plurality.providers(members, START, END, npis -> directory.listedPractitionersByNpi(npis)));
        return providers;
    }

    private ClaimPlurality.Visits visits(String member, Npi p, int days, LocalDate last) {
        return new ClaimPlurality.Visits(member, p.npi(), days, last);
    }

    @Test
    void handWrittenClaimsAtTheRulesEdgesAttributeAsTheClaimsQueryDid() {
        var pcps = listed(true, 3);
        assertThat(pcps).hasSize(3);
        var p1 = Npi.of(pcps.get(0));
        var p2 = Npi.of(pcps.get(1));
        var p3 = Npi.of(pcps.get(2));
        var specialists = listed(false, 1);
        var unlinked = new Npi("1999999990", null); // not in the directory: the import left it unlinked

        String most = tag + "-MOST",
                tie = tag + "-TIE",
                sameDay = tag + "-SAMEDAY",
                edges = tag + "-EDGES",
                status = tag + "-STATUS",
                codes = tag + "-CODES",
                which = tag + "-WHICH",
                statement = tag + "-STMT",
                none = tag + "-NONE",
                empty = tag + "-EMPTY";

        // P1 on three distinct days (two lines and a second claim on 1 February count once); P2 on two days; a
        // listed specialist on five days never attributes
        claim(
                most,
                "current",
                'P',
                day(2, 1),
                p1,
                ORGANIZATION,
                new Line("99213", null, day(2, 1), null),
                new Line("99214", null, day(2, 1), null));
        visit(most, p1, day(2, 1));
        visit(most, p1, day(3, 1));
        visit(most, p1, day(4, 1));
        visit(most, p2, day(5, 1));
        visit(most, p2, day(6, 1));
        if (!specialists.isEmpty()) {
            for (int m = 1; m <= 5; m++) visit(most, Npi.of(specialists.getFirst()), day(m, 20));
        }
        // two days each: the later last visit (P2 on 9 November) wins
        visit(tie, p1, day(3, 3));
        visit(tie, p1, day(10, 3));
        visit(tie, p2, day(2, 9));
        visit(tie, p2, day(11, 9));
        // two days each and the same last day: the lower NPI wins
        visit(sameDay, p2, day(1, 5));
        visit(sameDay, p2, day(7, 7));
        visit(sameDay, p3, day(4, 4));
        visit(sameDay, p3, day(7, 7));
        // the period's first and last days count, the days around them do not
        visit(edges, p1, LocalDate.of(2025, 12, 31));
        visit(edges, p1, LocalDate.of(2027, 1, 1));
        visit(edges, p1, LocalDate.of(2027, 2, 1));
        visit(edges, p2, day(1, 1));
        visit(edges, p2, day(12, 31));
        // only current claims: P1's voided, replaced and void versions on three more days do not count
        visit(status, p1, day(5, 5));
        visit(status, p2, day(6, 6));
        visit(status, p2, day(6, 7));
        for (var s : List.of("voided", "replaced", "void")) {
            claim(status, s, 'P', day(8, 8), p1, ORGANIZATION, new Line("99213", null, day(8, s.length()), null));
        }
        // codes beside the qualifying ones: none counts but P3's 99202, G0438, T1015 and the 837I clinic revenue
        // codes 0510 and 0529
        var beside = List.of(
                "99201", "99206", "99210", "99216", "99340", "99351", "99380", "99388", "99390", "99398", "45378",
                "g0438", "99213 ", "099213", "G043", "T10155");
        for (int i = 0; i < beside.size(); i++) {
            claim(codes, "current", 'P', null, p1, ORGANIZATION, new Line(beside.get(i), null, day(3, 1 + i), null));
        }
        var qualifying = List.of("99202", "G0438", "T1015");
        for (int i = 0; i < qualifying.size(); i++) {
            claim(
                    codes,
                    "current",
                    'P',
                    null,
                    p3,
                    ORGANIZATION,
                    new Line(qualifying.get(i), null, day(9, 1 + i), null));
        }
        claim(codes, "current", 'I', null, null, p3, new Line(null, "0510", day(10, 1), null));
        claim(codes, "current", 'I', null, null, p3, new Line(null, "0529", day(10, 2), null));
        for (var revenue : List.of("0530", "0500", "051", "05100", "0450")) {
            claim(codes, "current", 'I', null, null, p1, new Line(null, revenue, day(11, revenue.length()), null));
        }
        // which NPI a visit counts for: the line's rendering NPI over the claim's (P3 on 2 days, not P1); a line
        // rendered by an organisation does not fall back to the claim's practitioner; the billing NPI when no
        // rendering NPI is on the claim (P2 on 1 day); an unlinked NPI counts for nobody
        claim(which, "current", 'P', day(2, 2), p1, ORGANIZATION, new Line("99213", null, day(2, 2), p3));
        claim(which, "current", 'P', day(2, 3), p1, ORGANIZATION, new Line("99213", null, day(2, 3), p3));
        claim(
                which,
                "current",
                'P',
                day(2, 4),
                p1,
                ORGANIZATION,
                new Line("99213", null, day(2, 4), new Npi("1234567893", "Organization/clinic")));
        claim(which, "current", 'P', day(2, 5), null, p2, new Line("99213", null, day(2, 5), null));
        for (int m = 1; m <= 4; m++) visit(which, unlinked, day(m, 6));
        // a line without a service date takes the claim's statement date (in the period or not)
        claim(statement, "current", 'P', day(6, 15), p1, ORGANIZATION, new Line("99213", null, null, null));
        claim(
                statement,
                "current",
                'P',
                LocalDate.of(2025, 6, 15),
                p2,
                ORGANIZATION,
                new Line("99213", null, null, null));
        claim(statement, "current", 'P', null, p2, ORGANIZATION, new Line("99213", null, null, null));
        // a claim without lines; a member without claims
        claim(empty, "current", 'P', day(5, 5), p1, ORGANIZATION);

        var members = List.of(most, tie, sameDay, edges, status, codes, which, statement, none, empty);
        var fromRows = ClaimPlurality.visits(copied(members), START, END);
        // the rule by hand
        var mostVisits = new HashSet<>(fromRows.get(most));
        mostVisits.removeIf(v -> !v.npi().equals(p1.npi()) && !v.npi().equals(p2.npi()));
        assertThat(mostVisits)
                .containsExactlyInAnyOrder(visits(most, p1, 3, day(4, 1)), visits(most, p2, 2, day(6, 1)));
        assertThat(fromRows.get(tie))
                .containsExactlyInAnyOrder(visits(tie, p1, 2, day(10, 3)), visits(tie, p2, 2, day(11, 9)));
        assertThat(fromRows.get(edges)).containsExactly(visits(edges, p2, 2, day(12, 31)));
        assertThat(fromRows.get(status))
                .containsExactlyInAnyOrder(visits(status, p1, 1, day(5, 5)), visits(status, p2, 2, day(6, 7)));
        assertThat(fromRows.get(codes)).containsExactly(visits(codes, p3, 5, day(10, 2)));
        assertThat(fromRows.get(which))
                .containsExactlyInAnyOrder(visits(which, p3, 2, day(2, 3)), visits(which, p2, 1, day(2, 5)));
        assertThat(fromRows.get(statement)).containsExactly(visits(statement, p1, 1, day(6, 15)));
        assertThat(fromRows).doesNotContainKeys(none, empty);

        var providers = bothWays(members);
        assertThat(providers.get(most).npi()).isEqualTo(p1.npi());
        assertThat(providers.get(tie).npi()).isEqualTo(p2.npi());
        assertThat(providers.get(sameDay).npi()).isEqualTo(p2.npi()); // P2's NPI sorts before P3's
        assertThat(providers.get(edges).npi()).isEqualTo(p2.npi());
        assertThat(providers.get(status).npi()).isEqualTo(p2.npi());
        assertThat(providers.get(codes).npi()).isEqualTo(p3.npi());
        assertThat(providers.get(which).npi()).isEqualTo(p3.npi());
        assertThat(providers.get(statement).npi()).isEqualTo(p1.npi());
        assertThat(providers).doesNotContainKeys(none, empty);
    }

    @Test
    void generatedMembersAreAttributedTheSameBothWays() {
        var pcps = listed(true, 4).stream().map(Npi::of).toList();
        assertThat(pcps).hasSize(4);
        var others = new ArrayList<>(pcps);
        listed(false, 2).forEach(p -> others.add(Npi.of(p)));
        others.add(new Npi("1999999990", null));
        others.add(ORGANIZATION);
        var codes = List.of("99213", "99214", "99395", "G0438", "T1015", "45378", "99201", "87491", "99216", "3074F");
        var revenues = List.of("0510", "0521", "0530", "0450");
        var statuses = List.of("current", "current", "current", "current", "voided", "replaced", "void");
        var random = new Random(20261206L);
        var members = new ArrayList<String>();
        for (int m = 0; m < 250; m++) {
            var member = "%s-G%03d".formatted(tag, m);
            members.add(member);
            int claims = random.nextInt(7);
            for (int c = 0; c < claims; c++) {
                var day = LocalDate.of(2025, 11, 15).plusDays(random.nextInt(480));
                boolean institutional = random.nextInt(5) == 0;
                var lines = new ArrayList<Line>();
                int n = 1 + random.nextInt(3);
                for (int l = 0; l < n; l++) {
                    lines.add(new Line(
                            institutional && random.nextBoolean() ? null : codes.get(random.nextInt(codes.size())),
                            institutional ? revenues.get(random.nextInt(revenues.size())) : null,
                            random.nextInt(6) == 0 ? null : day.plusDays(random.nextInt(3)),
                            random.nextInt(4) == 0 ? others.get(random.nextInt(others.size())) : null));
                }
                claim(
                        member,
                        statuses.get(random.nextInt(statuses.size())),
                        institutional ? 'I' : 'P',
                        random.nextInt(8) == 0 ? null : day,
                        random.nextInt(5) == 0 ? null : others.get(random.nextInt(others.size())),
                        others.get(random.nextInt(others.size())),
                        lines.toArray(Line[]::new));
            }
        }
        var providers = bothWays(members);
        // the data reach the rule's branches: members attributed, to several PCPs, and members not attributed
        assertThat(providers.size()).isBetween(40, 200);
        assertThat(providers.values().stream()
                        .map(NetworkDirectory.ListedPractitioner::npi)
                        .distinct())
                .hasSizeGreaterThan(2);
    }

    @Test
    void aRunAttributesOnlyTheMembersThatGetARowWithoutAClaimsQuery() {
        org.commonweal.quality.measure.PublishedMeasureContent.folder(); // skipped without ../shared/quality
        var summaries = ours.run(EcqmEngine.MEASURES, START, END, "test"); // informative rows only, the default
        var runIds = summaries.stream().map(MeasureRuns.RunSummary::runId).toArray(Long[]::new);
        try {
            int withRows = jdbc.sql(
                            "select count(distinct member_id) from quality.measure_result where run_id = any(?)")
                    .param(runIds)
                    .query(Integer.class)
                    .single();
            var tally = ours.lastAttribution();
            // evaluated members outside every initial population get no row, and no attribution
            assertThat(withRows).isPositive().isLessThan(summaries.getFirst().members());
            assertThat(tally.members()).isEqualTo(withRows);
            assertThat(tally.claimsQueries()).isZero();
        } finally {
            jdbc.sql("delete from quality.measure_run where id = any(?)")
                    .param(runIds)
                    .update();
        }
    }
}
