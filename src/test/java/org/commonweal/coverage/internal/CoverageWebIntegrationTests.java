package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CoverageWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void memberServicesFindAMemberByNameAndBirthDateIgnoringAccentsAndCase() throws Exception {
        mvc.perform(get("/members")
                        .param("name", "maria PENA")
                        .param("birthDate", "1986-04-12")
                        .with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/members/DEMO-MEMBER-1")));
        mvc.perform(get("/members")
                        .param("name", "Peña María")
                        .param("birthDate", "1986-04-12")
                        .with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(content().string(containsString("/members/DEMO-MEMBER-1")));
        mvc.perform(get("/members")
                        .param("id", "91234567a")
                        .with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(content().string(containsString("/members/DEMO-MEMBER-1")));
        mvc.perform(get("/members")
                        .param("name", "Peña")
                        .param("birthDate", "1986-04-13")
                        .with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(content().string(not(containsString("/members/DEMO-MEMBER-1"))));
    }

    @Test
    void memberPageShowsTimelineAndACorrectionNeedsAReasonAndIsKept() throws Exception {
        mvc.perform(get("/members/DEMO-MEMBER-1").with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("span-timeline")))
                .andExpect(content().string(containsString("Jorge Hernandez")))
                .andExpect(content().string(containsString("Medi-Cal via Blue Shield of California Promise")));
        mvc.perform(get("/members/NOPE").with(user("member-services").roles("MEMBER_SERVICES")))
                .andExpect(status().isNotFound());

        String phone = "32355" + (10000 + (int) (Math.random() * 89999));
        mvc.perform(post("/members/DEMO-MEMBER-1/corrections")
                        .with(csrf())
                        .with(user("member-services").roles("MEMBER_SERVICES"))
                        .param("phone", phone)
                        .param("addressLine1", "1200 N State St")
                        .param("city", "Los Angeles")
                        .param("zip", "90033")
                        .param("spokenLanguage", "es")
                        .param("writtenLanguage", "es")
                        .param("reason", ""))
                .andExpect(status().is(422));
        assertThat(jdbc.sql("select phone from coverage.member where member_id = 'DEMO-MEMBER-1'")
                        .query(String.class)
                        .single())
                .isNotEqualTo(phone);

        mvc.perform(post("/members/DEMO-MEMBER-1/corrections")
                        .with(csrf())
                        .with(user("member-services").roles("MEMBER_SERVICES"))
                        .param("phone", phone)
                        .param("addressLine1", "1200 N State St")
                        .param("city", "Los Angeles")
                        .param("zip", "90033")
                        .param("spokenLanguage", "es")
                        .param("writtenLanguage", "es")
                        .param("reason", "member called with a new number"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select phone from coverage.member where member_id = 'DEMO-MEMBER-1'")
                        .query(String.class)
                        .single())
                .isEqualTo(phone);
        assertThat(jdbc.sql("""
                select username || '|' || reason || '|' || summary from coverage.member_change
                where member_id = 'DEMO-MEMBER-1' order by id desc limit 1""").query(String.class).single())
                .isEqualTo("member-services|member called with a new number|corrected phone");
        assertThat(jdbc.sql("""
                select count(*) from audit.audit_event where member_id = 'DEMO-MEMBER-1' and action = 'UPDATE'
                  and purpose = 'member called with a new number'""").query(Integer.class).single()).isPositive();
    }

    @Test
    void aCorrectionWithABadZipPhoneAndEmailComesBackWithEveryErrorNamedAndSavesNothing() throws Exception {
        String before = jdbc.sql(
                        "select coalesce(zip, '') || coalesce(phone, '') || coalesce(email, '') || coalesce(spa::text, '') "
                                + "from coverage.member where member_id = 'DEMO-MEMBER-1'")
                .query(String.class)
                .single();
        mvc.perform(post("/members/DEMO-MEMBER-1/corrections")
                        .with(csrf())
                        .with(user("member-services").roles("MEMBER_SERVICES"))
                        .param("phone", "abc")
                        .param("email", "foo@")
                        .param("addressLine1", "1200 N State St")
                        .param("city", "Los Angeles")
                        .param("zip", "9003")
                        .param("spokenLanguage", "es")
                        .param("writtenLanguage", "es")
                        .param("reason", "x".repeat(10_000)))
                .andExpect(status().is(422))
                .andExpect(content().string(containsString("id=\"error-summary\"")))
                .andExpect(content().string(containsString("href=\"#c-zip\"")))
                .andExpect(content().string(containsString("ZIP code: enter a 5-digit ZIP code")))
                .andExpect(content().string(containsString("Phone: enter a US phone number")))
                .andExpect(content().string(containsString("Email: enter an email address")))
                .andExpect(content().string(containsString("Reason for the correction: use at most 500 characters")))
                // what was typed comes back
                .andExpect(content().string(containsString("value=\"9003\"")))
                .andExpect(content().string(containsString("value=\"abc\"")));
        assertThat(jdbc.sql(
                                "select coalesce(zip, '') || coalesce(phone, '') || coalesce(email, '') || coalesce(spa::text, '') "
                                        + "from coverage.member where member_id = 'DEMO-MEMBER-1'")
                        .query(String.class)
                        .single())
                .isEqualTo(before);
        // in Spanish, the same errors in Spanish; a ZIP outside Los Angeles County is refused too
        mvc.perform(post("/members/DEMO-MEMBER-1/corrections")
                        .with(csrf())
                        .header("Accept-Language", "es")
                        .with(user("member-services").roles("MEMBER_SERVICES"))
                        .param("zip", "10001")
                        .param("reason", "se mudó"))
                .andExpect(status().is(422))
                .andExpect(content().string(containsString("Hay un problema")))
                .andExpect(content()
                        .string(containsString("Código postal: escriba un código postal del condado de Los Ángeles")));
    }

    @Test
    void memberSeesOwnCoverageInSpanishAndGetsAPrintableIdCard() throws Exception {
        mvc.perform(get("/my/coverage")
                        .header("Accept-Language", "es")
                        .with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mi cobertura")))
                .andExpect(content().string(containsString("Jorge Hernandez")));
        mvc.perform(get("/my/coverage/id-card").with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("DEMO-MEMBER-1")))
                .andExpect(content().string(containsString("1-888-839-9909")));
        byte[] pdf = mvc.perform(
                        get("/my/coverage/id-card.pdf").with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // the plan's name in words, not its HD04 code (#22)
            assertThat(text)
                    .contains("DEMO-MEMBER-1")
                    .contains("Medi-Cal")
                    .contains("Medi-Cal Direct")
                    .doesNotContain("LA1")
                    .contains("Jorge Hernandez")
                    .contains("1-888-839-9909")
                    .contains("1-800-249-3619");
        }
    }
}
