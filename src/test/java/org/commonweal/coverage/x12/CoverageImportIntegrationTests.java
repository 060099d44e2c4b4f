package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CoverageImportIntegrationTests {

    @Autowired
    Enrollment834Import importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox834 inbox;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @TempDir
    Path dir;

    private final String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));

    private String id(String n) {
        return "T" + run + n;
    }

    private String control(int n) {
        return String.format("%03d%06d", n, Integer.parseInt(run));
    }

    private ImportReport importText(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        ImportReport report = importer.importFile(file, name, "test", false, r -> {});
        if (report.ack999() != null) {
            Ack999Validator.assertValid(report.ack999());
        }
        return report;
    }

    private List<String> spans(String memberId) {
        return jdbc.sql("""
                select plan_code || ' ' || begin_date || ' ' || coalesce(end_date::text, 'open') || ' ' || status
                from coverage.enrollment_span where member_id = ? order by begin_date""").param(memberId).query(String.class).list();
    }

    private int historyCount(String memberId) {
        return jdbc.sql("select count(*) from coverage.member_change where member_id = ?")
                .param(memberId)
                .query(Integer.class)
                .single();
    }

    @Test
    void appliesAChangeFileRejectsTheBadLoopAloneAndAcknowledgesWith999() throws Exception {
        String text = new Sample834()
                .control(control(1))
                .member("021", id("A"), "9" + run + "A", "PEÑA", "MARÍA", "LA1", "20260101", null)
                .add(
                        "INS*Y*18*021*XN*A***AC",
                        "REF*0F*" + id("B"),
                        "NM1*IL*1*RUIZ*JOSE",
                        "DMG*D8*19801340*M",
                        "HD*021**HLT*LA1;01",
                        "DTP*348*D8*20260101")
                .member("021", id("C"), "9" + run + "C", "KIM", "MIN", "MP1", "20250601", null)
                .text();

        ImportReport report = importText("change.834", text);

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(report.purpose()).isEqualTo("change");
        assertThat(report.transactions()).isEqualTo(2);
        assertThat(report.adds()).isEqualTo(2);
        assertThat(report.rejects()).isEqualTo(1);
        assertThat(report.rejectLines()).singleElement().satisfies(r -> {
            assertThat(r.segmentNumber()).isEqualTo(27);
            assertThat(r.loopId()).isEqualTo("2100A");
            assertThat(r.memberId()).isEqualTo(id("B"));
            assertThat(r.reason()).contains("DMG02 '19801340' is not a date");
        });
        assertThat(spans(id("A"))).containsExactly("LA1 2026-01-01 open active");
        assertThat(spans(id("C"))).containsExactly("MP1 2025-06-01 open active");
        assertThat(spans(id("B"))).isEmpty();
        var member = jdbc.sql("select name_key, spa, cin, spoken_language from coverage.member where member_id = ?")
                .param(id("A"))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
        assertThat(member).containsExactly("pena maria", "4", "9" + run + "A", "es");
        assertThat(historyCount(id("A"))).isEqualTo(1);

        List<String> ack = List.of(report.ack999().split("~\n"));
        assertThat(ack.get(0)).startsWith("ISA*00*").contains("*ZZ*LACARE         *ZZ*CADHCS_5010_834*");
        assertThat(ack.subList(1, ack.size()))
                .containsSubsequence(
                        "AK1*BE*101*005010X220A1",
                        "AK2*834*0001*005010X220A1",
                        "IK3*DMG*25*2100A*8",
                        "CTX*REF02:" + id("B"),
                        "IK4*2**8",
                        "IK5*E*5",
                        "AK9*E*1*1*1");
        assertThat(ack).anyMatch(seg -> seg.matches("SE\\*9\\*\\d{4,9}"));
        assertThat(ack.get(ack.size() - 2)).startsWith("GE*1*");
        assertThat(ack.get(1)).startsWith("GS*FA*LACARE*CADHCS_5010_834*");
        assertThat(ack.get(ack.size() - 1)).startsWith("IEA*1*");

        ImportReport again = importText("change-again.834", text);
        assertThat(again.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(again.message())
                .contains("already imported as #" + report.id())
                .contains("nothing changed");
        assertThat(historyCount(id("A"))).isEqualTo(1);
        assertThat(spans(id("A"))).containsExactly("LA1 2026-01-01 open active");
    }

    @Test
    void terminatesReinstatesAndFlagsAFileAppliedOutOfOrder() throws Exception {
        importText(
                "add.834",
                new Sample834()
                        .control(control(2))
                        .date("20261110")
                        .member("021", id("T"), "8" + run + "T", "LOPEZ", "ANA", "LA1", "20250101", null)
                        .text());
        ImportReport term = importText(
                "term.834",
                new Sample834()
                        .control(control(3))
                        .date("20261112")
                        .add(
                                "INS*Y*18*024*59*A***AC",
                                "REF*0F*" + id("T"),
                                "DTP*357*D8*20261130",
                                "HD*024**HLT*LA1;01",
                                "DTP*349*D8*20261130")
                        .add("INS*Y*18*024*59*A***AC", "REF*0F*" + id("NOBODY"), "DTP*357*D8*20261130")
                        .text());
        assertThat(term.terms()).isEqualTo(1);
        assertThat(term.rejectLines())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("not enrolled"));
        assertThat(spans(id("T"))).containsExactly("LA1 2025-01-01 2026-11-30 terminated");

        ImportReport back = importText(
                "reinstate.834",
                new Sample834()
                        .control(control(4))
                        .date("20261111")
                        .add("INS*Y*18*025*XN*A***AC", "REF*0F*" + id("T"), "HD*025**HLT*LA1;01", "DTP*348*D8*20250101")
                        .text());
        assertThat(back.reinstates()).isEqualTo(1);
        assertThat(back.outOfOrder()).isTrue();
        assertThat(back.message()).contains("file dated 2026-11-11 applied after a file dated 2026-1");
        assertThat(spans(id("T"))).containsExactly("LA1 2025-01-01 open active");
        assertThat(jdbc.sql("select summary from coverage.member_change where member_id = ? order by id")
                        .param(id("T"))
                        .query(String.class)
                        .list())
                .containsExactly(
                        "834 021: add LA1 2025-01-01 open",
                        "834 024: terminate LA1 on 2026-11-30",
                        "834 025: reinstate LA1 2025-01-01 open");
    }

    @Test
    void refusesABrokenEnvelopeWholeWithA999() throws Exception {
        ImportReport report = importText(
                "broken.834",
                new Sample834()
                        .control(control(5))
                        .wrongSegmentCount()
                        .member("021", id("X"), "7" + run + "X", "ROE", "RAY", "LA1", "20260101", null)
                        .text());
        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.message()).contains("SE01 says 23 segments in transaction set 0001 but it has 22");
        assertThat(spans(id("X"))).isEmpty();
        // the set was received and read: AK2 with IK5 R 4 (segment count), AK9 R 1 included, 1 received, 0 accepted
        assertThat(report.ack999())
                .contains("AK1*BE*101*005010X220A1~\nAK2*834*0001*005010X220A1~\nIK5*R*4~\n" + "AK9*R*1*1*0~");
    }

    @Test
    void reconcilesAFullFileAfterADryRunThatStaffApprove() throws Exception {
        importText(
                "before-full.834",
                new Sample834()
                        .control(control(6))
                        .date("20261101")
                        .member("021", id("GONE"), "6" + run + "G", "GONE", "GARY", "LA1", "20250101", null)
                        .member("021", id("KEPT"), "6" + run + "K", "KEPT", "KAY", "LA1", "20250101", null)
                        .text());
        LocalDate fileDate = LocalDate.of(2026, 12, 1);
        Sample834 full = new Sample834().control(control(7)).date("20261201").full();
        // a full file lists every member with open coverage: all of them except GONE
        jdbc.sql("""
                select m.member_id, m.last_name, m.first_name, s.plan_code, to_char(s.begin_date, 'YYYYMMDD'),
                       to_char(s.end_date, 'YYYYMMDD')
                from coverage.member m join coverage.enrollment_span s on s.member_id = m.member_id
                where (s.end_date is null or s.end_date > ?) and s.status <> 'terminated' and m.member_id <> ?
                order by m.member_id""")
                .params(fileDate, id("GONE"))
                .query((rs, n) -> {
                    full.add(
                            "INS*Y*18*030*XN*A***AC",
                            "REF*0F*" + rs.getString(1),
                            "NM1*IL*1*" + rs.getString(2).replace('*', ' ') + "*"
                                    + rs.getString(3).replace('*', ' '),
                            "HD*030**HLT*" + rs.getString(4) + ";01",
                            "DTP*348*D8*" + rs.getString(5));
                    if (rs.getString(6) != null) {
                        full.add("DTP*349*D8*" + rs.getString(6));
                    }
                    return null;
                })
                .list();
        // and one member the plan has not seen before: added (by COPY) with its span and history, and present
        full.member("030", id("NEW"), "6" + run + "N", "NUEVO\\BACK", "NINA", "LA2", "20261101", null);

        ImportReport report = importText("full.834", full.text());

        assertThat(report.purpose()).isEqualTo("full");
        assertThat(report.status()).isEqualTo(ImportStatus.AWAITING_APPROVAL);
        assertThat(report.reconcileCandidates()).isEqualTo(1);
        assertThat(importer.reconcileCandidates(report.id(), 10)).containsExactly(id("GONE"));
        assertThat(spans(id("GONE"))).containsExactly("LA1 2025-01-01 open active");
        assertThat(spans(id("NEW"))).containsExactly("LA2 2026-11-01 open active");
        assertThat(jdbc.sql("select last_name from coverage.member where member_id = ?")
                        .param(id("NEW"))
                        .query(String.class)
                        .single())
                .isEqualTo("NUEVO\\BACK");
        assertThat(jdbc.sql("select summary from coverage.member_change where member_id = ? and import_id = ?")
                        .params(id("NEW"), report.id())
                        .query(String.class)
                        .list())
                .containsExactly("834 030: audit LA2 2026-11-01 open");
        // members with a history row of this file count as present without a "seen" row
        assertThat(jdbc.sql("select count(*) from coverage.import_seen where import_id = ? and member_id = ?")
                        .params(report.id(), id("NEW"))
                        .query(Integer.class)
                        .single())
                .isZero();

        ImportReport applied = importer.reconcile(report.id(), "member-services");
        assertThat(applied.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(applied.reconciled()).isEqualTo(1);
        assertThat(spans(id("GONE"))).containsExactly("LA1 2025-01-01 2026-12-01 terminated");
        assertThat(spans(id("KEPT"))).containsExactly("LA1 2025-01-01 open active");
        assertThat(spans("DEMO-MEMBER-1")).last().asString().endsWith("open active");
    }

    @Test
    void importsFilesDroppedInTheInboxAndMovesThemWithTheirAcknowledgment() throws Exception {
        Files.createDirectories(inbox.inbox());
        Files.writeString(
                inbox.inbox().resolve("good-" + run + ".834"),
                new Sample834()
                        .control(control(8))
                        .member("021", id("IN"), "5" + run + "I", "INBOX", "IDA", "LA1", "20260101", null)
                        .text());
        Files.writeString(
                inbox.inbox().resolve("bad-" + run + ".834"),
                new Sample834()
                        .control(control(9))
                        .wrongSegmentCount()
                        .member("021", id("IB"), "5" + run + "B", "BAD", "BO", "LA1", "20260101", null)
                        .text());
        List<ImportReport> reports = inbox.pollOnce();
        assertThat(reports).extracting(ImportReport::status).contains(ImportStatus.COMPLETED, ImportStatus.REFUSED);
        assertThat(inbox.inbox().resolve("processed/good-" + run + ".834")).exists();
        assertThat(inbox.inbox().resolve("processed/good-" + run + ".834.999"))
                .content()
                .contains("AK9*A*1*1*1");
        Ack999Validator.assertValid(Files.readString(inbox.inbox().resolve("processed/good-" + run + ".834.999")));
        Ack999Validator.assertValid(Files.readString(inbox.inbox().resolve("rejected/bad-" + run + ".834.999")));
        assertThat(inbox.inbox().resolve("rejected/bad-" + run + ".834")).exists();
        assertThat(inbox.inbox().resolve("good-" + run + ".834")).doesNotExist();
        assertThat(spans(id("IN"))).containsExactly("LA1 2026-01-01 open active");
    }

    @Test
    void memberServicesUploadAFileAndFollowItsProgressToTheReport() throws Exception {
        String text = new Sample834()
                .control(control(10))
                .member("021", id("UP"), "4" + run + "U", "UPLOAD", "UMA", "LA1", "20260101", null)
                .text();
        var user = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        "member-services")
                .roles("MEMBER_SERVICES");
        String location = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                        "/coverage/imports")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file", "daily.834", "text/plain", text.getBytes(StandardCharsets.UTF_8)))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .with(user))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).matches("/coverage/imports/\\d+");
        String page = "";
        for (int i = 0; i < 100 && !page.contains(">Completed<"); i++) {
            Thread.sleep(100);
            page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                    location + "/progress")
                            .with(user))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
        }
        assertThat(page).contains(">Completed<").contains("import-bar").doesNotContain("hx-get");
        String report = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(location)
                        .with(user))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(report).contains("daily.834").contains("download-999");
        assertThat(spans(id("UP"))).containsExactly("LA1 2026-01-01 open active");
    }
}
