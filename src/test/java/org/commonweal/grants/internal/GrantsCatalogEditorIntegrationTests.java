package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class GrantsCatalogEditorIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    GrantsCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    private final LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));

    /** The form as an officer fills it in, with {@code overrides} as name, value, name, value … (a value may be "a|b|c"). */
    private MockHttpServletRequestBuilder cycleForm(String path, String code, String... overrides) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        String[] defaults = {
            "programId",
            "2",
            "code",
            code,
            "title",
            "Oral Health Access test",
            "titleEs",
            "Acceso a la salud bucal prueba",
            "summary",
            "Dental care",
            "summaryEs",
            "Atención dental",
            "opensOn",
            today.toString(),
            "closesOn",
            today.plusDays(60).toString(),
            "closesTime",
            "17:00",
            "envelope",
            "1,000,000",
            "awardFloor",
            "25000",
            "awardCeiling",
            "150000",
            "expectedAwards",
            "8",
            "eligibility",
            "Non-profit dental providers",
            "questions",
            "Describe the need.\nDescribe the plan.",
            "loiRequired",
            "true",
            "loiClosesOn",
            today.plusDays(20).toString(),
            "loiClosesTime",
            "12:00",
            "criterionCode",
            "1-need|2-plan|",
            "criterionLabel",
            "Need|Plan|",
            "criterionMax",
            "5|10|",
            "criterionWeight",
            "2|1|"
        };
        for (String[] pairs : new String[][] {defaults, overrides}) {
            for (int i = 0; i < pairs.length; i += 2) {
                form.put(pairs[i], java.util.List.of(pairs[i + 1].split("\\|", -1)));
            }
        }
        return post(path)
                .with(user("grants-officer").roles("GRANTS_OFFICER"))
                .with(csrf())
                .params(form);
    }

    @Test
    void anOfficerCreatesAndEditsACycleWithALetterOfIntentAndRubricAudited() throws Exception {
        String code = "ORAL-T" + GrantsTestCycles.next();
        mvc.perform(cycleForm("/grants/staff/cycles", code)).andExpect(status().is3xxRedirection());
        var cycle = catalog.cycle(code).orElseThrow();
        assertThat(cycle.loiRequired()).isTrue();
        assertThat(cycle.loiClosesAt())
                .isEqualTo(today.plusDays(20)
                        .atTime(12, 0)
                        .atZone(java.time.ZoneId.of("America/Los_Angeles"))
                        .toInstant());
        assertThat(cycle.envelope()).isEqualByComparingTo("1000000");
        assertThat(cycle.questions()).containsExactly("Describe the need.", "Describe the plan.");
        assertThat(catalog.rubric(cycle.id()))
                .extracting(c -> c.code() + ":" + c.maxScore() + ":"
                        + c.weight().stripTrailingZeros().toPlainString())
                .containsExactly("1-need:5:2", "2-plan:10:1");

        mvc.perform(get("/grants/staff/cycles/" + cycle.id())
                        .with(user("grants-officer").roles("GRANTS_OFFICER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + code + "\"")));
        mvc.perform(cycleForm(
                        "/grants/staff/cycles/" + cycle.id(), code, "expectedAwards", "6", "awardCeiling", "120000"))
                .andExpect(status().is3xxRedirection());
        assertThat(catalog.cycle(cycle.id()).orElseThrow().expectedAwards()).isEqualTo(6);
        assertThat(catalog.cycle(cycle.id()).orElseThrow().awardCeiling()).isEqualByComparingTo("120000");
        long audited = jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = 'grant-cycle' and entity_id = ? and action in ('CREATE', 'UPDATE')")
                .param(String.valueOf(cycle.id()))
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(2);
    }

    @Test
    void refusedFieldsAreNamedNextToThemInTheReadersLanguageAndNothingIsSaved() throws Exception {
        String code = "ORAL-X" + GrantsTestCycles.next();
        mvc.perform(cycleForm(
                        "/grants/staff/cycles",
                        code,
                        "awardCeiling",
                        "10000",
                        "envelope",
                        "a lot",
                        "loiClosesOn",
                        today.plusDays(61).toString(),
                        "criterionWeight",
                        "2|0|"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"e-awardCeiling\"")))
                // #18: the shared summary names each field in words and links to it
                .andExpect(content().string(containsString("id=\"error-summary\"")))
                .andExpect(
                        content().string(containsString("href=\"#f-awardCeiling\">Award ceiling: The award ceiling")))
                .andExpect(content().string(containsString("href=\"#f-envelope\">Total available: &quot;a lot&quot;")))
                .andExpect(content()
                        .string(containsString(
                                "href=\"#e-rubric\">Rubric (criteria, maximum scores and weights): Rubric row 2")))
                .andExpect(
                        content().string(containsString("The award ceiling cannot be below the floor ($25,000.00).")))
                .andExpect(content().string(containsString("&quot;a lot&quot; is not a number.")))
                .andExpect(content()
                        .string(containsString(
                                "The letter of intent deadline must come before the application deadline")))
                .andExpect(content()
                        .string(containsString("Rubric row 2: the weight must be a number greater than zero.")))
                .andExpect(content().string(containsString("value=\"" + code + "\"")))
                .andExpect(content().string(not(containsString("id=\"e-title\""))));
        assertThat(catalog.cycle(code)).isEmpty();

        mvc.perform(cycleForm("/grants/staff/cycles", code, "awardCeiling", "10000")
                        .param("lang", "es"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("El monto máximo no puede ser menor que el mínimo")))
                .andExpect(content().string(containsString("Hay un problema")))
                .andExpect(content().string(containsString("href=\"#f-awardCeiling\">Monto máximo: El monto máximo")));

        String taken = catalog.cycles().getFirst().code();
        mvc.perform(cycleForm("/grants/staff/cycles", taken))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("The code " + taken + " is already in use.")));
    }

    @Test
    void anOfficerCreatesAndEditsAProgramAndBadFieldsAreNamed() throws Exception {
        String code = "PGM" + GrantsTestCycles.next();
        var officer = user("grants-officer").roles("GRANTS_OFFICER");
        mvc.perform(post("/grants/staff/programs")
                        .with(officer)
                        .with(csrf())
                        .param("code", "bad code")
                        .param("name", "")
                        .param("nameEs", "Prueba")
                        .param("strategy", "Test")
                        .param("fundingSource", "L.A. Care")
                        .param("envelope", "-5")
                        .param("sinceYear", "1990"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Use 2 to 30 capital letters")))
                .andExpect(content().string(containsString("href=\"#f-name\">Name (English): This field is required.")))
                .andExpect(content().string(containsString("This field is required.")))
                .andExpect(content().string(containsString("Must be zero or more.")))
                .andExpect(content().string(containsString("Give a year from 2000 to")));
        mvc.perform(post("/grants/staff/programs")
                        .with(officer)
                        .with(csrf())
                        .param("code", code)
                        .param("name", "Test program")
                        .param("nameEs", "Programa de prueba")
                        .param("strategy", "Capacity")
                        .param("fundingSource", "L.A. Care community benefit")
                        .param("envelope", "$2,500,000")
                        .param("sinceYear", "2026"))
                .andExpect(status().is3xxRedirection());
        var program = catalog.programs().stream()
                .filter(p -> p.code().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(program.envelope()).isEqualByComparingTo("2500000");
        mvc.perform(post("/grants/staff/programs/" + program.id())
                        .with(officer)
                        .with(csrf())
                        .param("code", code)
                        .param("name", "Test program")
                        .param("nameEs", "Programa de prueba")
                        .param("strategy", "Capacity")
                        .param("fundingSource", "State grant")
                        .param("envelope", "3000000")
                        .param("sinceYear", "2026"))
                .andExpect(status().is3xxRedirection());
        assertThat(catalog.program(program.id()).orElseThrow().fundingSource()).isEqualTo("State grant");
        assertThat(jdbc.sql(
                                "select detail from audit.audit_event where entity_type = 'grant-program' and entity_id = ? order by id")
                        .param(String.valueOf(program.id()))
                        .query(String.class)
                        .list())
                .hasSize(2)
                .last()
                .asString()
                .contains("2500000.00 -> 3000000");
        mvc.perform(get("/grants/staff/programs").with(officer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(code)));
    }
}
