package org.commonweal.housing.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Edit forms over HTTP: caseload rules, field errors as 422, every change audited. Client 1 is case-manager's. */
@IntegrationTest
class HousingRecordsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    static RequestPostProcessor cm(String name) {
        return user(name).roles("CASE_MANAGER");
    }

    static MockHttpServletRequestBuilder clientForm(String url, String first, String ssn, String dob) {
        return clientForm(url, first, "Testclient", ssn, dob);
    }

    static MockHttpServletRequestBuilder clientForm(String url, String first, String last, String ssn, String dob) {
        return post(url)
                .param("firstName", first)
                .param("lastName", last)
                .param("nameQuality", "1")
                .param("birthDate", dob)
                .param("dobQuality", dob.isEmpty() ? "99" : "1")
                .param("ssnLast4", ssn)
                .param("race", "HispanicLatinaeo")
                .param("gender", "Woman")
                .param("veteranStatus", "0")
                .param("disablingCondition", "1")
                .param("memberId", "")
                .param("spa", "4")
                .with(csrf());
    }

    long createClient(String first) throws Exception {
        String location = mvc.perform(clientForm("/housing/clients", first, "", "1979-05-04")
                        .param("caseManager", "case-manager")
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    long auditCount(String entityType, String entityId, String detailLike) {
        return jdbc.sql("""
                select count(*) from audit.audit_event where entity_type = ? and entity_id = ? and detail like ?""")
                .params(entityType, entityId, detailLike)
                .query(Long.class)
                .single();
    }

    @Test
    void aCaseManagersNewClientIsInTheirCaseloadFromTheStartAndAudited() throws Exception {
        long id = createClient("Rosa-" + System.nanoTime());
        var assignment = jdbc.sql("""
                select case_manager || '/' || assigned_by from housing.assignment where client_id = ? and ended_on is null""").param(id).query(String.class).single();
        assertThat(assignment).isEqualTo("case-manager/case-manager");
        assertThat(jdbc.sql("select personal_id from housing.client where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(String.format("HFH%07d", id));
        assertThat(auditCount("housing-client", Long.toString(id), "assigned to case-manager"))
                .isEqualTo(1);
        mvc.perform(get("/housing/clients/" + id).with(cm("case-manager"))).andExpect(status().isOk());
        mvc.perform(get("/housing/clients/" + id).with(cm("cm-nguyen"))).andExpect(status().isForbidden());
    }

    @Test
    void aBadClientFormComesBackAs422NamingEachFieldAndWritesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from housing.client")
                .query(Long.class)
                .single();
        String tomorrow =
                LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(1).toString();
        String body = mvc.perform(clientForm("/housing/clients", "", "12x4", tomorrow)
                        .param("caseManager", "cm-nguyen")
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"firstName-error\"")
                .contains("id=\"ssnLast4-error\"")
                .contains("id=\"birthDate-error\"")
                .contains("id=\"caseManager-error\"")
                .contains("SSN, last four digits: enter exactly four digits")
                .contains("Birth date: enter today or a date in the past")
                .contains("Case manager: choose a case manager of your team")
                .contains("value=\"12x4\"");
        assertThat(jdbc.sql("select count(*) from housing.client")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    /** #18: one error experience: the summary with links, fields named in words, in the page's language. */
    @Test
    void aTenThousandCharacterNameComesBackWithEveryErrorInTheSummaryInBothLanguagesAndNothingSaved() throws Exception {
        long before = jdbc.sql("select count(*) from housing.client")
                .query(Long.class)
                .single();
        String huge = "R".repeat(10_000);
        String body = mvc.perform(clientForm("/housing/clients", huge, "", "12x4", "1979-05-04")
                        .param("memberId", "M-" + "9".repeat(30))
                        .param("caseManager", "case-manager")
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"error-summary\"")
                .contains("There is a problem")
                .contains("href=\"#firstName\"")
                .contains("href=\"#lastName\"")
                .contains("href=\"#ssnLast4\"")
                .contains("href=\"#memberId\"")
                .contains("First name: use at most 50 characters")
                .contains("Last name: enter a value")
                .contains("SSN, last four digits: enter exactly four digits")
                .contains("Member id: use at most 20 characters")
                .contains("value=\"" + huge + "\"")
                .contains("value=\"12x4\"")
                .doesNotContain("firstName:");

        String spanish = mvc.perform(clientForm("/housing/clients", huge, "", "12x4", "1979-05-04")
                        .param("caseManager", "case-manager")
                        .param("lang", "es")
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(spanish)
                .contains("Hay un problema")
                .contains("Nombre: use como máximo 50 caracteres")
                .contains("Apellido: escriba un valor")
                .contains("SSN, últimos cuatro dígitos: escriba exactamente cuatro dígitos");
        assertThat(jdbc.sql("select count(*) from housing.client")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    /** #18: an enrollment with a too-long household id and a bad date: both named, what was typed kept, nothing saved. */
    @Test
    void aBadEnrollmentFormNamesEveryFieldInWordsAndSavesNothing() throws Exception {
        long client = createClient("Olga-" + System.nanoTime());
        String household = "H".repeat(40);
        String body = mvc.perform(post("/housing/clients/" + client + "/enrollments")
                        .param("projectId", "P-PSH-METRO")
                        .param("entryDate", "2026-13-45")
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .param("householdId", household)
                        .param("destination", "410")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"error-summary\"")
                .contains("href=\"#entryDate\"")
                .contains("href=\"#householdId\"")
                .contains("Entry date: enter a date as yyyy-mm-dd")
                .contains("Household id: use at most 32 characters")
                .contains("Exit date: a destination needs the exit date")
                .contains("value=\"" + household + "\"")
                .contains("value=\"2026-13-45\"");
        assertThat(jdbc.sql("select count(*) from housing.enrollment where client_id = ?")
                        .param(client)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anEditAuditsTheNamesOfTheChangedFieldsNotTheirValues() throws Exception {
        long id = createClient("Lupe-" + System.nanoTime());
        mvc.perform(get("/housing/clients/" + id + "/edit").with(cm("case-manager")))
                .andExpect(status().isOk());
        mvc.perform(clientForm("/housing/clients/" + id, "Guadalupe", "4321", "1979-05-04")
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select first_name || '/' || ssn_last4 from housing.client where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Guadalupe/4321");
        assertThat(auditCount("housing-client", Long.toString(id), "changed firstName, ssnLast4"))
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_id = ? and detail like '%4321%'")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .as("no values in the audit")
                .isZero();
    }

    @Test
    void anotherTeamOrATeammateCannotEditButTheSupervisorCan() throws Exception {
        long enrollment = jdbc.sql("select min(id) from housing.enrollment where client_id = 1")
                .query(Long.class)
                .single();
        mvc.perform(get("/housing/clients/1/edit").with(cm("cm-nguyen"))).andExpect(status().isForbidden());
        mvc.perform(get("/housing/enrollments/" + enrollment + "/edit").with(cm("cm-rivera")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/enrollments/" + enrollment)
                        .param("projectId", "P-SO-METRO")
                        .param("entryDate", "2020-01-01")
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .with(csrf())
                        .with(cm("sup-south")))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select entry_date from housing.enrollment where id = ?")
                        .param(enrollment)
                        .query(LocalDate.class)
                        .single())
                .isNotEqualTo(LocalDate.of(2020, 1, 1));
        mvc.perform(get("/housing/enrollments/" + enrollment + "/edit").with(cm("sup-metro")))
                .andExpect(status().isOk());
        mvc.perform(get("/housing/clients/1/edit").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk());
    }

    @Test
    void enrollmentMoveInExitAndDestinationAreValidatedAndAudited() throws Exception {
        long client = createClient("Inez-" + System.nanoTime());
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        String entry = today.minusMonths(3).toString();
        mvc.perform(post("/housing/clients/" + client + "/enrollments")
                        .param("projectId", "P-PSH-METRO")
                        .param("entryDate", entry)
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .param("disablingCondition", "1")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection());
        long enrollment = jdbc.sql("select id from housing.enrollment where client_id = ?")
                .param(client)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select household_id from housing.enrollment where id = ?")
                        .param(enrollment)
                        .query(String.class)
                        .single())
                .isEqualTo("HH" + enrollment);

        String moveIn = today.minusMonths(1).toString();
        mvc.perform(post("/housing/enrollments/" + enrollment)
                        .param("projectId", "P-PSH-METRO")
                        .param("entryDate", entry)
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .param("disablingCondition", "1")
                        .param("moveInDate", moveIn)
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select move_in_date from housing.enrollment where id = ?")
                        .param(enrollment)
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.parse(moveIn));
        assertThat(auditCount("housing-enrollment", Long.toString(enrollment), "changed moveInDate"))
                .isEqualTo(1);

        String body = mvc.perform(post("/housing/enrollments/" + enrollment)
                        .param("projectId", "P-PSH-METRO")
                        .param("entryDate", entry)
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .param("moveInDate", moveIn)
                        .param("exitDate", today.toString())
                        .param("destination", "")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("id=\"destination-error\"").contains("Destination: an exit needs its destination");
        assertThat(jdbc.sql("select count(*) from housing.enrollment where id = ? and exit_date is null")
                        .param(enrollment)
                        .query(Long.class)
                        .single())
                .as("nothing written")
                .isEqualTo(1);

        mvc.perform(post("/housing/enrollments/" + enrollment)
                        .param("projectId", "P-PSH-METRO")
                        .param("entryDate", entry)
                        .param("livingSituation", "116")
                        .param("relationshipToHoh", "1")
                        .param("moveInDate", moveIn)
                        .param("exitDate", today.toString())
                        .param("destination", "435")
                        .param("destinationSubsidyType", "439")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select destination * 1000 + destination_subsidy_type from housing.enrollment where id = ?")
                        .param(enrollment)
                        .query(Integer.class)
                        .single())
                .isEqualTo(435_439);
    }

    @Test
    void aConsentIsRevokedOnceAndTheRevocationAudited() throws Exception {
        long client = createClient("Olga-" + System.nanoTime());
        long consent = jdbc.sql("""
                insert into housing.consent (client_id, shared_with, scope, signed_on, expires_on)
                values (?, 'Clinic', 'care coordination', current_date - 10, current_date + 300) returning id""").param(client).query(Long.class).single();
        mvc.perform(post("/housing/consents/" + consent + "/revoke")
                        .with(csrf())
                        .with(cm("cm-nguyen")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/consents/" + consent + "/revoke")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/housing/consents/" + consent + "/revoke")
                        .with(csrf())
                        .with(cm("case-manager")))
                .andExpect(status().isUnprocessableContent());
        assertThat(auditCount("housing-consent", Long.toString(consent), "revoked"))
                .isEqualTo(1);
    }
}
