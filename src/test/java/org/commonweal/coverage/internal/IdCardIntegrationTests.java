package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The member ID card as on a Medi-Cal managed care card, front and back, HTML and PDF, English and Spanish: the plan's
 * name in words (never the HD04 code), the PCP with the office phone and medical group from the directory, Medi-Cal
 * Rx's BIN/PCN/group from plan configuration, and the numbers of the back; an {@code id_card} configuration line
 * changes what the card prints, and a bad one is refused by line and field.
 */
@IntegrationTest
class IdCardIntegrationTests {

    static final String MEMBER = "DEMO-MEMBER-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlanConfiguration configuration;

    String html(String lang) throws Exception {
        return mvc.perform(get("/my/coverage/id-card")
                        .param("lang", lang)
                        .with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    String pdf(String lang) throws Exception {
        byte[] pdf = mvc.perform(get("/my/coverage/id-card.pdf")
                        .param("lang", lang)
                        .with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("front and back").isEqualTo(2);
            var page = document.getPage(0).getMediaBox();
            // a credit card: 3.375 × 2.125 inches
            assertThat(page.getWidth()).isEqualTo(243f);
            assertThat(page.getHeight()).isEqualTo(153f);
            var stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String front = stripper.getText(document);
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            // lines a cell wraps are joined again, so a phone number or a tagline is found whole
            return (front + "\n---BACK---\n" + stripper.getText(document)).replaceAll("\\s+", " ");
        }
    }

    @Test
    void frontAndBackCarryThePlanInWordsThePcpWithPhoneAndGroupThePharmacyRoutingAndTheNumbers() throws Exception {
        // a PCP the directory lists, with an office phone and a medical group
        var doctor = jdbc.sql("""
                select p.npi, p.given || ' ' || p.family || coalesce(', ' || p.suffix, ''), l.phone, o.name
                  from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                  join network.location l on l.id = r.location_id
                  join network.organization o on o.id = r.organization_id
                 where p.active and not p.suppressed and r.active and not r.suppressed and l.active
                   and l.phone is not null and r.accepting = 'newpt'
                   and not exists (select 1 from network.practitioner_role x where x.practitioner_id = p.id
                                   and x.id < r.id and x.active and not x.suppressed)
                 order by p.id limit 1""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .single();
        String oldNpi = jdbc.sql(
                        "select pcp_npi from coverage.enrollment_span where member_id = ? and end_date is null")
                .param(MEMBER)
                .query(String.class)
                .single();
        jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                .params(doctor[0], MEMBER)
                .update();
        try {
            String en = html("en");
            assertThat(en)
                    .contains("id=\"id-card\"")
                    .contains("id=\"id-card-back\"")
                    .contains("L.A. Care Health Plan")
                    .contains("id=\"card-product\">Medi-Cal Direct<")
                    .doesNotContain(">LA1<")
                    .contains(doctor[1])
                    .contains(doctor[2])
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(doctor[3]))
                    .contains(">022659<")
                    .contains(">6334225<")
                    .contains(">MEDICALRX<")
                    .contains("id=\"card-member-services\">1-888-839-9909 (TTY 711)<")
                    .contains("id=\"card-nurse\">1-800-249-3619<")
                    .contains("id=\"card-behavioral\">")
                    .contains("id=\"card-transport\">")
                    .contains("id=\"card-rx-phone\">1-800-977-2273<")
                    .contains("src=\"/img/logo.svg\"")
                    .contains("lang=\"ko\"")
                    .contains("무료 언어 지원")
                    .contains("In an emergency, call 911");
            String es = html("es");
            assertThat(es)
                    .contains("Grupo médico")
                    .contains("Salud del comportamiento")
                    .contains("Transporte a citas")
                    .contains("En una emergencia, llame al 911");

            String pdf = pdf("en");
            String front = pdf.substring(0, pdf.indexOf("---BACK---"));
            String back = pdf.substring(pdf.indexOf("---BACK---"));
            assertThat(front)
                    .contains("L.A. Care Health Plan")
                    .contains("Medi-Cal Direct")
                    .doesNotContain("LA1")
                    .contains(MEMBER)
                    .contains(doctor[2])
                    .contains("022659")
                    .contains("6334225")
                    .contains("MEDICALRX")
                    .contains("Medical group");
            assertThat(back)
                    .contains("1-888-839-9909")
                    .contains("1-800-249-3619")
                    .contains("1-877-344-2858")
                    .contains("1-800-977-2273")
                    .contains("ATTENTION: Free language help")
                    .contains("ATENCIÓN:")
                    .contains("PAUNAWA:");
            assertThat(pdf("es")).contains("Grupo médico").contains("Transporte a citas");
        } finally {
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                    .params(oldNpi, MEMBER)
                    .update();
        }
        // a PCP the directory does not list: the card names them and says whom to call for the rest
        assertThat(html("en")).contains("Jorge Hernandez").doesNotContain("id=\"card-pcp-phone\"");
    }

    @Test
    void theCardsNumbersComeFromPlanConfigurationAndABadLineIsRefusedByLineAndField() throws Exception {
        var before = configuration.rows().stream()
                .filter(r -> r.kind().equals("id_card") && r.values().getFirst().equals("MCLA"))
                .findFirst()
                .orElseThrow()
                .values();
        try {
            configuration.importCsv(new StringReader("""
                    kind,code,bin,pcn,group,rx phone,behavioral,transport,tty
                    id_card,MCLA,610011,CTRXMEDD,LACMC01,1-800-555-0101,1-800-555-0102,1-800-555-0103,711
                    """), "test");
            String card = html("en");
            assertThat(card)
                    .contains(">610011<")
                    .contains(">CTRXMEDD<")
                    .contains(">LACMC01<")
                    .contains("id=\"card-behavioral\">1-800-555-0102<")
                    .contains("id=\"card-transport\">1-800-555-0103<")
                    .doesNotContain("022659");
            // without pharmacy routing the card says whom to call instead of printing empty boxes
            configuration.importCsv(new StringReader("id_card,MCLA,,,,,,,\n"), "test");
            assertThat(html("en"))
                    .doesNotContain("id=\"card-rx\"")
                    .contains("Pharmacy: call Member Services")
                    .doesNotContain("id=\"card-behavioral\"");
            assertThatThrownBy(() -> configuration.importCsv(
                            new StringReader("id_card,MCLA,02265,6334225,MEDICALRX,,,,\nid_card,NOPE,022659,,,,,,\n"),
                            "test"))
                    .isInstanceOfSatisfying(
                            PlanConfiguration.InvalidConfiguration.class,
                            e -> assertThat(e.problems())
                                    .extracting(p -> p.line() + " " + p.field())
                                    .containsExactly("1 Rx BIN", "2 product line"));
        } finally {
            configuration.importCsv(
                    new StringReader("id_card,MCLA," + String.join(",", before.subList(1, before.size())) + "\n"),
                    "test");
        }
        assertThat(html("en")).contains(">022659<");
    }
}
