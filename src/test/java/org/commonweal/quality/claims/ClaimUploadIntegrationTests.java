package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.UploadJobPages;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.x12.Ack999Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The 837 upload page like the 834's: the upload answers at once with its job's page, which shows the counts, each
 * rejected claim located (segment, loop, CLM01) with its reason in the reader's language, and the 999 to download;
 * a bad claim never sinks the file. The inbox imports the same way and files the 999 beside the file.
 */
@IntegrationTest
class ClaimUploadIntegrationTests {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvc mvc;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox837 inbox;

    /** The two members the fixtures are sent for, and this test's claim number prefix. */
    private TwoMemberClaims sent;

    @BeforeEach
    void members() {
        sent = TwoMemberClaims.of(coverage);
    }

    private byte[] file(String fixture) throws Exception {
        return sent.fixture(fixture).getBytes(StandardCharsets.US_ASCII);
    }

    private String upload(byte[] content) throws Exception {
        return UploadJobPages.postAndWait(
                mvc,
                multipart("/quality/claims")
                        .file(new MockMultipartFile("file", "clinic-0002.x12", "text/plain", content))
                        .with(csrf()),
                ADMIN);
    }

    private static long fileId(String page) {
        var m = Pattern.compile("/quality/claims/(\\d+)/999").matcher(page);
        assertThat(m.find()).as("the report links its 999").isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aBadClaimFileIsLocatedClaimByClaimAndItsGoodClaimIsKept() throws Exception {
        String page = upload(file("837p-bad-claims.x12"));

        assertThat(page).contains("clinic-0002.x12");
        assertThat(page).containsPattern("id=\"count-stored\">1<");
        assertThat(page).containsPattern("id=\"count-rejected\">7<");
        // BAD-FREQ's CLM is segment 12 of the file, in loop 2300, with its reason in words
        assertThat(page)
                .containsPattern("<td>CLM 12</td><td>2300</td>\\s*<td>" + sent.run() + "BAD-FREQ</td>"
                        + "<td>claim frequency code &quot;5&quot; \\(CLM05-3\\) is not 1 \\(original\\)");
        assertThat(page).contains(sent.run() + "UNKNOWN-MEMBER").contains("NOSUCHMEMBER1 is not a member of the plan");
        assertThat(page).contains(sent.run() + "BAD-ICD9").contains("only ICD-10-CM is accepted");
        long fileId = fileId(page);
        assertThat(jdbc.sql("select status from quality.claim where patient_control_number = ?")
                        .param(sent.run() + "GOOD-B-1")
                        .query(String.class)
                        .single())
                .isEqualTo("current");

        // the same report in Spanish, from the file's own page
        String spanish = mvc.perform(get("/quality/claims/" + fileId)
                        .header("Accept-Language", "es")
                        .with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(spanish)
                .contains("Reclamaciones rechazadas")
                .contains("el código de frecuencia &quot;5&quot; (CLM05-3) no es 1 (original)")
                .contains("solo se acepta ICD-10-CM")
                .contains("NOSUCHMEMBER1 no es miembro del plan");

        String ack = mvc.perform(get("/quality/claims/" + fileId + "/999").with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Ack999Validator.assertValid(ack);
        assertThat(ack).contains("IK3*CLM*10*2300*8").contains("IK5*E");

        // the import ran as the uploader: the file's IMPORT row names them
        assertThat(auditedBy(fileId)).isEqualTo("admin");
    }

    @Test
    void aFileThatIsNotAn837IsRefusedWholeOnItsJobPage() throws Exception {
        String page = upload("hello, this is not X12".getBytes(StandardCharsets.US_ASCII));
        assertThat(page).contains("id=\"claim-refused\"").contains("was refused whole and nothing was stored");
        assertThat(page).doesNotContain("/999");
    }

    @Test
    void theSameFileSentTwiceIsRefusedTheSecondTimeInTheReadersLanguage() throws Exception {
        byte[] content = file("837i-original.x12");
        long first = fileId(upload(content));
        String job = mvc.perform(multipart("/quality/claims")
                        .file(new MockMultipartFile("file", "again.x12", "text/plain", content))
                        .with(csrf())
                        .with(ADMIN))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        UploadJobPages.poll(mvc, job, ADMIN);
        String spanish = mvc.perform(get(job).header("Accept-Language", "es").with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(spanish).contains("el mismo archivo ya se importó como archivo " + first);
    }

    @Test
    void anEmptyUploadIsRefusedOnThePageAndOtherRolesMayNotUpload() throws Exception {
        String page = mvc.perform(multipart("/quality/claims")
                        .file(new MockMultipartFile("file", "empty.x12", "text/plain", new byte[0]))
                        .with(csrf())
                        .with(ADMIN))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Choose an 837 file to import.");
        mvc.perform(multipart("/quality/claims")
                        .file(new MockMultipartFile("file", "c.x12", "text/plain", file("837i-original.x12")))
                        .with(csrf())
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theInboxImportsAFileAndFilesIt999BesideIt() throws Exception {
        Files.createDirectories(inbox.inbox());
        var dropped = Files.write(inbox.inbox().resolve(sent.run() + ".837"), file("837p-bad-claims.x12"));
        var reports = inbox.pollOnce();
        var report = reports.stream()
                .filter(r -> r.fileName().equals(sent.run() + ".837"))
                .findFirst()
                .orElseThrow();
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejects()).hasSize(7);
        assertThat(dropped).doesNotExist();
        var processed = inbox.inbox().resolve("processed");
        assertThat(processed.resolve(sent.run() + ".837")).exists();
        Ack999Validator.assertValid(Files.readString(processed.resolve(sent.run() + ".837.999")));
        assertThat(auditedBy(report.fileId())).isEqualTo(Inbox837.ACTOR);

        Files.writeString(inbox.inbox().resolve(sent.run() + "-bad.837"), "not X12");
        inbox.pollOnce();
        var refused = inbox.inbox().resolve("rejected").resolve(sent.run() + "-bad.837.refused.txt");
        assertThat(refused).exists();
        assertThat(Files.readString(refused)).isNotBlank();

        // the page lists the inbox's file with who sent it
        String list = mvc.perform(get("/quality/claims").with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains(sent.run() + ".837").contains(Inbox837.ACTOR);
    }

    /** Who the audit trail says imported the file (written by the audit's writer thread, so waited for). */
    private String auditedBy(long fileId) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            var user = jdbc.sql("select username from audit.audit_event where action = 'IMPORT'"
                            + " and entity_type = 'claim-file' and entity_id = ?")
                    .param(Long.toString(fileId))
                    .query(String.class)
                    .optional();
            if (user.isPresent() || System.nanoTime() > deadline) return user.orElse(null);
            Thread.sleep(100);
        }
    }
}
