package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DHCS conventions of section 2 of the domain guide, from the hand-written files under
 * {@code src/test/resources/coverage/x12/834} (written from 005010X220A1 and the guide, not by our generator): each
 * with the database state and the 999 (005010X231A1) it must produce. In the files, {@code #########} stands for the
 * ISA13/GS06 control number and {@code @@@@@@} for this run's number, so that runs on the same database do not meet.
 */
@IntegrationTest
class DhcsConventionsIntegrationTests {

    @Autowired
    Enrollment834Import importer;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private final String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));

    private String id(String n) {
        return "Q" + run + n;
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = DhcsConventionsIntegrationTests.class.getResourceAsStream("/coverage/x12/834/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String control;

    private ImportReport importFixture(String name, int n) throws Exception {
        return importFixture(name, n, false);
    }

    private ImportReport importFixture(String name, int n, boolean acceptReused) throws Exception {
        control = String.format("%03d%06d", n, Integer.parseInt(run));
        String text = fixture(name).replace("#########", control).replace("@@@@@@", run);
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        ImportReport report = importer.importFile(file, name, "test", false, acceptReused, r -> {});
        if (report.ack999() != null) {
            Ack999Validator.assertValid(report.ack999());
        }
        return report;
    }

    private List<String> ack(ImportReport report) {
        return List.of(report.ack999().split("~\n"));
    }

    private List<String> spans(String memberId) {
        return jdbc.sql("""
                select plan_code || ' ' || begin_date || ' ' || coalesce(end_date::text, 'open') || ' ' || status
                       || ' ' || array_to_string(aid_codes, ',')
                from coverage.enrollment_span where member_id = ? order by begin_date, plan_code""").param(memberId).query(String.class).list();
    }

    private List<String> history(String memberId) {
        return jdbc.sql("select summary from coverage.member_change where member_id = ? order by id")
                .param(memberId)
                .query(String.class)
                .list();
    }

    @Test
    void eachReferenceQualifierLandsInItsOwnFieldOrInTheRawReferences() throws Exception {
        ImportReport report = importFixture("01-ref-qualifiers.834", 1);

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(report.adds()).isEqualTo(2);
        assertThat(report.rejects()).isZero();
        var rosa = jdbc.sql("""
                select cin, mbi, hicn, medicaid_id, county_code, array_to_string(raw_references, '|')
                from coverage.member where member_id = ?""")
                .param(id("01"))
                .query((rs, n) -> new String[] {
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)
                })
                .single();
        assertThat(rosa)
                .containsExactly(
                        "8" + run + "01",
                        "1EG4TE5MK73",
                        "123456789A",
                        "CA0012345",
                        "19",
                        "23*6;20200401;20200101;;|17*20200101;N|DX*0001|ZZ*LA CARE;X|ABB*Q");
        // REF*3H county;aid code;case: the aid code goes to the span when no REF*CE names one
        assertThat(spans(id("01"))).containsExactly("LA1 2026-12-01 open active M1");
        // REF*23 after REF*1L no longer overwrites the CIN with its status code
        assertThat(jdbc.sql("select cin from coverage.member where member_id = ?")
                        .param(id("02"))
                        .query(String.class)
                        .single())
                .isEqualTo("8" + run + "02");
        assertThat(jdbc.sql("""
                select array_to_string(raw_references, '|') from coverage.member_change
                where member_id = ? and import_id = ?""")
                        .params(id("02"), report.id())
                        .query(String.class)
                        .single())
                .isEqualTo("23*1;20210101;;;");
        // the envelope mirrors the partner's ISA: their ISA07 30 (tax id) is our ISA05
        assertThat(ack(report).get(0)).contains("*30*954000000      *ZZ*CADHCS_5010_834*");
        assertThat(ack(report).get(1)).startsWith("GS*FA*954000000*CADHCS_5010_834*");
        assertThat(ack(report))
                .containsSubsequence(
                        "AK1*BE*" + control + "*005010X220A1", "AK2*834*0001*005010X220A1", "IK5*A", "AK9*A*1*1*1");
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void memberServicesSeeTheRawReferencesInTheChangeHistory() throws Exception {
        importFixture("01-ref-qualifiers.834", 13);
        String page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/members/" + id("01"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("ms")
                                        .roles("MEMBER_SERVICES")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("REF 23*6;20200401;20200101;; | 17*20200101;N | DX*0001 | ZZ*LA CARE;X | ABB*Q");
    }

    @Test
    void anEndTheDayBeforeTheBeginVoidsTheSpanAndAnEarlierEndIsRejectedAtItsDtp349() throws Exception {
        importFixture("02-void-add.834", 2);
        assertThat(spans(id("03"))).containsExactly("LA1 2026-01-01 2026-11-30 active ", "LA2 2026-12-01 open active ");

        ImportReport report = importFixture("03-void.834", 3);

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(spans(id("03")))
                .containsExactly("LA1 2026-01-01 2026-11-30 active ", "LA2 2026-12-01 2026-11-30 void ");
        assertThat(history(id("03"))).last().asString().startsWith("834 001: void LA2 2026-12-01");
        assertThat(report.rejectLines()).singleElement().satisfies(r -> {
            assertThat(r.segmentNumber()).isEqualTo(18);
            assertThat(r.loopId()).isEqualTo("2300");
            assertThat(r.memberId()).isEqualTo(id("04"));
            assertThat(r.reason()).contains("DTP*349").contains("2026-11-29");
        });
        assertThat(spans(id("04"))).containsExactly("LA1 2026-12-01 open active ");
        assertThat(ack(report))
                .containsSubsequence(
                        "AK2*834*0001*005010X220A1",
                        "IK3*DTP*16*2300*8",
                        "CTX*REF02:" + id("04"),
                        "IK4*3**8",
                        "IK5*E*5",
                        "AK9*E*1*1*1");
    }

    @Test
    void maintenanceForAMemberThePlanNeverHadIsRejectedAndCreatesNoMember() throws Exception {
        ImportReport report = importFixture("04-unknown-member.834", 4);

        assertThat(report.adds()).isEqualTo(1);
        assertThat(report.rejects()).isEqualTo(3);
        assertThat(jdbc.sql("select member_id from coverage.member where member_id like ? order by 1")
                        .param("Q" + run + "0%")
                        .query(String.class)
                        .list())
                .containsExactly(id("08"));
        assertThat(report.rejectLines())
                .extracting(ImportReport.RejectLine::memberId)
                .containsExactly(id("05"), id("06"), id("07"));
        assertThat(report.rejectLines())
                .extracting(ImportReport.RejectLine::segmentNumber)
                .containsExactly(7, 17, 22);
        assertThat(report.rejectLines())
                .extracting(ImportReport.RejectLine::positionInSet)
                .containsExactly(5, 15, 20);
        assertThat(report.summary())
                .contains("reject INS segment 7 (position 5 in set 0001) loop 2000 member " + id("05"));
        assertThat(report.rejectLines().get(0).reason())
                .contains("024 termination")
                .contains("not enrolled");
        assertThat(report.rejectLines().get(1).reason()).contains("001 change");
        assertThat(report.rejectLines().get(2).reason()).contains("025 reinstatement");
        assertThat(ack(report))
                .containsSubsequence(
                        "AK2*834*0001*005010X220A1",
                        "IK3*INS*5*2000*8",
                        "CTX*REF02:" + id("05"),
                        "IK4*3**7",
                        "IK3*INS*15*2000*8",
                        "CTX*REF02:" + id("06"),
                        "IK4*3**7",
                        "IK3*INS*20*2000*8",
                        "CTX*REF02:" + id("07"),
                        "IK4*3**7",
                        "IK5*E*5",
                        "AK9*E*1*1*1");
    }

    @Test
    void aReusedInterchangeControlNumberWithOtherContentIsRefusedUnlessTheOperatorAcceptsIt() throws Exception {
        ImportReport first = importFixture("01-ref-qualifiers.834", 5);
        assertThat(first.status()).isEqualTo(ImportStatus.COMPLETED);

        ImportReport second = importFixture("02-void-add.834", 5);

        assertThat(second.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(second.message())
                .contains("ISA13 " + control)
                .contains("already used by import #" + first.id())
                .contains("--accept-reused-control-number");
        assertThat(ack(second))
                .containsExactly(
                        ack(second).get(0),
                        "TA1*" + control + "*261120*0400*R*025",
                        "IEA*0*" + ack(second).get(0).substring(90, 99));
        assertThat(ack(second).get(0)).contains("*30*954000000      *ZZ*CADHCS_5010_834*");
        assertThat(spans(id("03"))).isEmpty();

        ImportReport third = importFixture("02-void-add.834", 5, true);

        assertThat(third.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(spans(id("03"))).hasSize(2);
        assertThat(jdbc.sql("select detail from audit.audit_event where entity_type = '834-file' and entity_id = ?")
                        .param(String.valueOf(third.id()))
                        .query(String.class)
                        .list())
                .anyMatch(d -> d.contains("--accept-reused-control-number") && d.contains("#" + first.id()));
        // our own control numbers: distinct and increasing, whatever the second
        assertThat(List.of(first, second, third))
                .extracting(r -> Long.parseLong(ack(r).get(0).substring(90, 99)))
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void anInterchangeWhoseIsaIsNotFixedWidthGetsATa1AddressedFromWhatCouldBeRead() throws Exception {
        ImportReport report = importFixture("05-short-isa.834", 6);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.message()).contains("ISA");
        assertThat(ack(report).get(0)).contains("*30*954000000      *ZZ*DHCS           *");
        assertThat(ack(report).get(1)).isEqualTo("TA1*" + control + "*261203*0400*R*022");
        assertThat(spans(id("09"))).isEmpty();
    }

    @Test
    void aBrokenTransactionSetIsRefusedAloneAndTheOtherIsApplied() throws Exception {
        ImportReport report = importFixture("08-two-sets-one-broken.834", 8);

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(spans(id("10"))).containsExactly("LA1 2026-12-01 open active ");
        assertThat(spans(id("11"))).isEmpty();
        assertThat(ack(report))
                .containsSubsequence(
                        "AK1*BE*" + control + "*005010X220A1",
                        "AK2*834*0001*005010X220A1",
                        "IK5*A",
                        "AK2*834*0002*005010X220A1",
                        "IK5*R*4",
                        "AK9*P*2*2*1");
    }

    @Test
    void delimitersComeFromTheIsaWhateverTheyAreWithCrlfLineEnds() throws Exception {
        ImportReport report = importFixture("09-delimiters-from-isa-crlf.834", 9);

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(report.rejects()).isZero();
        assertThat(spans(id("12"))).containsExactly("LA2 2026-12-01 open active M1");
        assertThat(jdbc.sql("select cin || ' ' || county_code || ' ' || array_to_string(raw_references, '|') "
                                + "from coverage.member where member_id = ?")
                        .param(id("12"))
                        .query(String.class)
                        .single())
                .isEqualTo("8" + run + "12 19 23*1;20260101;;;");
    }

    @Test
    void aFileOfAuditLoopsIsAFullFile() throws Exception {
        ImportReport report = importFixture("10-full-file-audit.834", 10);

        assertThat(report.purpose()).isEqualTo("full");
        assertThat(report.audits()).isEqualTo(1);
        assertThat(spans(id("13"))).containsExactly("LA1 2025-01-01 open active ");
        assertThat(ack(report)).containsSubsequence("IK5*A", "AK9*A*1*1*1");
    }

    @Test
    void aGroupThatIsNotAnEnrollmentIsRefusedWithA999() throws Exception {
        ImportReport report = importFixture("11-group-not-834.834", 11);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.message()).contains("GS01 'HS'");
        assertThat(ack(report)).containsSubsequence("AK1*HS*" + control + "*005010X220A1", "AK9*R*1*1*0*1");
        assertThat(spans(id("01"))).isEmpty();
    }

    @Test
    void aFileWithoutIeaIsRefusedWithATa1() throws Exception {
        ImportReport report = importFixture("12-no-iea.834", 12);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.message()).contains("no IEA trailer");
        assertThat(ack(report).get(1)).isEqualTo("TA1*" + control + "*261201*0400*R*023");
        assertThat(spans(id("13"))).isEmpty();
    }

    @Test
    void theRepairMigrationMovesAStatusCodeCinToTheRawReferences() throws Exception {
        String sql = new String(
                getClass()
                        .getResourceAsStream(
                                "/db/migration/coverage/V2026.12.05.101__coverage_references_by_qualifier.sql")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String repair = sql.substring(sql.indexOf("with repaired as"));
        jdbc.sql("insert into coverage.member (member_id, cin, first_name, last_name, name_key) values "
                        + "(?, '6', 'ANA', 'BAD', 'bad ana'), (?, ?, 'BEN', 'GOOD', 'good ben')")
                .params(id("R1"), id("R2"), "8" + run + "R2")
                .update();

        jdbc.sql(repair).update();

        assertThat(jdbc.sql("select coalesce(cin, '-') || ' ' || array_to_string(raw_references, '|') "
                                + "from coverage.member where member_id = ?")
                        .param(id("R1"))
                        .query(String.class)
                        .single())
                .isEqualTo("- 23*6 (removed from cin by V2026.12.05.101)");
        assertThat(jdbc.sql("select cin from coverage.member where member_id = ?")
                        .param(id("R2"))
                        .query(String.class)
                        .single())
                .isEqualTo("8" + run + "R2");
        assertThat(history(id("R1"))).singleElement().asString().startsWith("CIN removed");

        // the raw segments that exist: a kept 834 file with the member's REF*1L gives the CIN back
        Path kept = dir.resolve("kept");
        Files.createDirectories(kept);
        Files.writeString(
                kept.resolve("old.834"),
                new Sample834()
                        .control("9" + run + "99")
                        .member("001", id("R1"), "8" + run + "R1", "BAD", "ANA", "LA1", "20260101", null)
                        .text());
        Files.writeString(kept.resolve("old.834.999"), "not an 834");
        CinRepair.Result result = cinRepair.repair(List.of(kept), "test");
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.repaired()).isEqualTo(1);
        assertThat(jdbc.sql("select cin from coverage.member where member_id = ?")
                        .param(id("R1"))
                        .query(String.class)
                        .single())
                .isEqualTo("8" + run + "R1");
        assertThat(history(id("R1"))).last().asString().startsWith("CIN restored from REF*1L");
    }

    @Autowired
    CinRepair cinRepair;
}
