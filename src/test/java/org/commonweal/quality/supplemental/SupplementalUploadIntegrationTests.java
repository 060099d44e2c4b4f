package org.commonweal.quality.supplemental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import org.commonweal.IntegrationTest;
import org.commonweal.UploadJobPages;
import org.commonweal.coverage.Coverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The lab and immunization CSV upload page: the upload answers at once with its job's page, which then shows the
 * records stored and each rejected line with its field and reason; a file without the layout's header is refused
 * whole; the import runs as the uploader; other roles may not upload.
 */
@IntegrationTest
class SupplementalUploadIntegrationTests {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvc mvc;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    private String member() {
        var found = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (found.isEmpty() && !m.memberId().startsWith("DEMO-")) found.add(m.memberId());
        });
        return found.get(0);
    }

    /** The lab extract fixture for a covered member: two good lines and one of each kind of bad line. */
    private String labs() throws java.io.IOException {
        return new String(
                        getClass()
                                .getResourceAsStream("/quality/supplemental/labs.csv")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("{MEMBER}", member());
    }

    private String upload(String kind, String name, String csv) throws Exception {
        return UploadJobPages.postAndWait(
                mvc,
                multipart("/quality/supplemental")
                        .file(new MockMultipartFile("file", name, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("kind", kind)
                        .with(csrf()),
                ADMIN);
    }

    @Test
    void aLabExtractIsStoredAndItsBadLinesLocatedOnTheJobPage() throws Exception {
        String csv = labs();
        String page = upload("labs", "quest-week-49.csv", csv);
        assertThat(page).contains("2 records stored for 1 members");
        assertThat(page)
                .contains("line 4: loinc: not a LOINC code (NNNNN-N with its check digit): &#39;4548-5&#39;")
                .contains("line 6: collected_on: not a date (YYYY-MM-DD): &#39;2026-13-01&#39;")
                .contains("line 9: 7 fields expected, 5 found");
        var source = jdbc.sql("select received_by from quality.clinical_source where name = ? order by id desc limit 1")
                .param("quest-week-49.csv")
                .query(String.class)
                .single();
        assertThat(source).as("the uploader is the sender").isEqualTo("admin");
    }

    @Test
    void aSpanishReaderGetsEachBadLineInSpanishWithItsLineAndField() throws Exception {
        String csv = labs();
        String job = UploadJobPages.postAndWaitForJob(
                mvc,
                multipart("/quality/supplemental")
                        .file(new MockMultipartFile(
                                "file", "quest-es.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "labs")
                        .with(csrf()),
                ADMIN);
        String page = mvc.perform(get(job).header("Accept-Language", "es").with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("línea 3: member_id: ningún miembro del plan tiene este número de miembro")
                .contains("línea 4: loinc: no es un código LOINC (NNNNN-N con su dígito de control): &#39;4548-5&#39;")
                .contains("línea 5: unit: un número necesita su unidad UCUM (%, mg/dL …)")
                .contains("línea 6: collected_on: no es una fecha (AAAA-MM-DD): &#39;2026-13-01&#39;")
                .contains("línea 7: member_id: hace falta un número de miembro o un CIN")
                .contains("línea 9: se esperaban 7 campos y hay 5")
                .doesNotContain("not a LOINC code");
        // the refusal of a whole file too
        String refused = mvc.perform(get(UploadJobPages.postAndWaitForJob(
                                mvc,
                                multipart("/quality/supplemental")
                                        .file(new MockMultipartFile(
                                                "file", "cair2.csv", "text/csv", "member,cvx\nX,20\n".getBytes()))
                                        .param("kind", "immunizations")
                                        .with(csrf()),
                                ADMIN))
                        .header("Accept-Language", "es")
                        .with(ADMIN))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("línea 1: el encabezado debe ser member_id,cin,cvx,given_on,lot,performing_org");
    }

    @Test
    void anImmunizationFileWithAnotherLayoutIsRefusedWhole() throws Exception {
        String page = upload("immunizations", "cair2.csv", "member,cvx\nX,20\n");
        assertThat(page)
                .contains("id=\"supplemental-refused\"")
                .contains("line 1: the header must be member_id,cin,cvx,given_on,lot,performing_org");
    }

    @Test
    void anUnknownLayoutIsRefusedOnThePageAndOtherRolesMayNotUpload() throws Exception {
        String page = mvc.perform(multipart("/quality/supplemental")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", "a\n".getBytes()))
                        .param("kind", "x-rays")
                        .header("Accept-Language", "es")
                        .with(csrf())
                        .with(ADMIN))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Elija el formato del archivo");
        mvc.perform(multipart("/quality/supplemental")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", "a\n".getBytes()))
                        .param("kind", "labs")
                        .with(csrf())
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/quality/supplemental").with(user("analyst").roles("ANALYST")))
                .andExpect(status().isForbidden());
    }
}
