package org.commonweal.housing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Caseload rules over HTTP: own clients, the supervisor's team, nobody else's. Client 1 is case-manager's (Metro). */
@IntegrationTest
class HousingCaseloadIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    static org.springframework.test.web.servlet.request.RequestPostProcessor cm(String name) {
        return user(name).roles("CASE_MANAGER");
    }

    @Test
    void caseManagerOfAnotherTeamCannotOpenTheClient() throws Exception {
        mvc.perform(get("/housing/clients/1").with(cm("cm-nguyen"))).andExpect(status().isForbidden());
        mvc.perform(get("/housing/clients/1").with(cm("sup-south"))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("""
                select count(*) from audit.audit_event where username = 'cm-nguyen' and entity_type = 'housing-client'
                and entity_id = '1' and detail like 'refused%'""").query(Long.class).single())
                .as("refusals are audited")
                .isPositive();
    }

    @Test
    void teammateWithoutTheAssignmentCannotOpenButTheSupervisorCan() throws Exception {
        mvc.perform(get("/housing/clients/1").with(cm("cm-rivera"))).andExpect(status().isForbidden());
        mvc.perform(get("/housing/clients/1").with(cm("sup-metro"))).andExpect(status().isOk());
        mvc.perform(get("/housing/clients/1").with(cm("case-manager"))).andExpect(status().isOk());
        mvc.perform(get("/housing/clients/1").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk());
    }

    @Test
    void caseloadListsOnlyVisibleClients() throws Exception {
        String own = mvc.perform(get("/housing").with(cm("case-manager")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String other = mvc.perform(get("/housing").with(cm("cm-nguyen")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String all = mvc.perform(get("/housing").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(own).contains("data-client=\"1\"");
        long openCases = jdbc.sql("""
                select count(distinct c.id) from housing.client c join housing.enrollment e on e.client_id = c.id
                where e.exit_date is null""").query(Long.class).single();
        assertThat(all.split("data-client=").length - 1).as("a full first page").isEqualTo((int)
                Math.min(openCases, CaseFiles.PAGE_SIZE));
        long seen = 0;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int page = 1; page <= 100; page++) {
            String html = mvc.perform(get("/housing")
                            .param("page", Integer.toString(page))
                            .with(user("admin").roles("ADMIN")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var m = java.util.regex.Pattern.compile("data-client=\"(\\d+)\"").matcher(html);
            int rows = 0;
            while (m.find()) {
                ids.add(m.group(1));
                rows++;
            }
            seen += rows;
            if (rows < CaseFiles.PAGE_SIZE) {
                break;
            }
        }
        assertThat(seen)
                .as("an administrator pages through every open case once")
                .isEqualTo(openCases)
                .isEqualTo((long) ids.size());
        assertThat(other).doesNotContain("data-client=\"1\"");
        long nguyen = jdbc.sql("""
                select count(*) from housing.assignment a where a.case_manager = 'cm-nguyen' and a.ended_on is null
                and exists (select 1 from housing.enrollment e where e.client_id = a.client_id and e.exit_date is null)""").query(Long.class).single();
        assertThat(other.split("data-client=").length - 1).as("open cases only").isEqualTo((int)
                Math.min(nguyen, CaseFiles.PAGE_SIZE));
        long nguyenAll = jdbc.sql(
                        "select count(*) from housing.assignment where case_manager = 'cm-nguyen' and ended_on is null")
                .query(Long.class)
                .single();
        String otherAll = mvc.perform(get("/housing").param("all", "true").with(cm("cm-nguyen")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(otherAll.split("data-client=").length - 1).isEqualTo((int) Math.min(nguyenAll, CaseFiles.PAGE_SIZE));
        assertThat(nguyenAll).isGreaterThan(nguyen);
    }

    @Test
    void protectedNoteIsReadThroughAnAuditedRequestOnly() throws Exception {
        long serviceId = jdbc.sql("select max(id) from housing.service where client_id = 1 and note is not null")
                .query(Long.class)
                .single();
        String page = mvc.perform(get("/housing/clients/1").with(cm("case-manager")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String note = jdbc.sql("select note from housing.service where id = ?")
                .param(serviceId)
                .query(String.class)
                .single();
        assertThat(page).doesNotContain(org.springframework.web.util.HtmlUtils.htmlEscape(note));
        String fragment = mvc.perform(
                        get("/housing/services/" + serviceId + "/note").with(cm("case-manager")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment).contains(org.springframework.web.util.HtmlUtils.htmlEscape(note));
        assertThat(jdbc.sql("""
                select count(*) from audit.audit_event where username = 'case-manager'
                and entity_type = 'housing-service-note' and entity_id = ?""")
                        .param(Long.toString(serviceId))
                        .query(Long.class)
                        .single())
                .isPositive();
        mvc.perform(get("/housing/services/" + serviceId + "/note").with(cm("cm-hart")))
                .andExpect(status().isForbidden());
    }

    @Test
    void contactsAndTasksAreRecordedForOwnClientsOnly() throws Exception {
        mvc.perform(post("/housing/clients/1/contacts")
                        .with(cm("case-manager"))
                        .with(csrf())
                        .param("date", LocalDate.now().minusDays(1).toString())
                        .param("minutes", "45")
                        .param("type", "tenancy-support")
                        .param("note", "Discussed lease renewal")
                        .param("nextSteps", "Call landlord"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/housing/clients/1/contacts")
                        .with(cm("cm-nguyen"))
                        .with(csrf())
                        .param("date", LocalDate.now().toString())
                        .param("minutes", "45")
                        .param("type", "outreach"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/clients/1/contacts")
                        .with(cm("case-manager"))
                        .with(csrf())
                        .param("date", LocalDate.now().plusDays(3).toString())
                        .param("minutes", "45")
                        .param("type", "outreach"))
                .andExpect(status().isUnprocessableContent())
                // the exception handler's page is a whole page of the site: reason, navigation and language links
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("id=\"housing-problem\"", "id=\"area-nav\"", "href=\"/housing\"", "id=\"lang-es\""));
        mvc.perform(post("/housing/clients/1/tasks")
                        .with(cm("case-manager"))
                        .with(csrf())
                        .param("title", "Bring lease copy")
                        .param("due", LocalDate.now().plusDays(7).toString()))
                .andExpect(status().is3xxRedirection());
        long task = jdbc.sql("select max(id) from housing.task where client_id = 1 and title = 'Bring lease copy'")
                .query(Long.class)
                .single();
        mvc.perform(post("/housing/tasks/" + task + "/done").with(cm("cm-park")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/tasks/" + task + "/done")
                        .with(cm("case-manager"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select done_on from housing.task where id = ?")
                        .param(task)
                        .query(LocalDate.class)
                        .single())
                .isNotNull();
    }

    @Test
    void onlyTheSupervisorReassignsAndHistoryIsKept() throws Exception {
        long client = jdbc.sql("""
                select min(a.client_id) from housing.assignment a where a.case_manager = 'cm-okafor' and a.ended_on is null""").query(Long.class).single();
        mvc.perform(post("/housing/clients/" + client + "/assignment")
                        .with(cm("cm-okafor"))
                        .with(csrf())
                        .param("caseManager", "cm-rivera"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/clients/" + client + "/assignment")
                        .with(cm("sup-metro"))
                        .with(csrf())
                        .param("caseManager", "cm-nguyen"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/housing/clients/" + client + "/assignment")
                        .with(cm("sup-metro"))
                        .with(csrf())
                        .param("caseManager", "cm-rivera"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/housing/clients/" + client).with(cm("cm-rivera"))).andExpect(status().isOk());
        mvc.perform(get("/housing/clients/" + client).with(cm("cm-okafor"))).andExpect(status().isForbidden());
        assertThat(jdbc.sql(
                                "select count(*) from housing.assignment where client_id = ? and case_manager = 'cm-okafor' and ended_on is not null")
                        .param(client)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void unknownClientIsNotFound() throws Exception {
        mvc.perform(get("/housing/clients/99999999").with(user("admin").roles("ADMIN")))
                .andExpect(status().isNotFound());
    }

    @Test
    void consentsAreRecordedWithAValidPeriod() throws Exception {
        mvc.perform(post("/housing/clients/1/consents")
                        .with(cm("case-manager"))
                        .with(csrf())
                        .param("sharedWith", "Primary care clinic")
                        .param("scope", "medication list")
                        .param("signed", LocalDate.now().toString())
                        .param("expires", LocalDate.now().minusDays(1).toString()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/housing/clients/1/consents")
                        .with(cm("case-manager"))
                        .with(csrf())
                        .param("sharedWith", "Primary care clinic")
                        .param("scope", "medication list")
                        .param("signed", LocalDate.now().toString())
                        .param("expires", LocalDate.now().plusMonths(6).toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/housing/clients/1").with(cm("case-manager")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Primary care clinic");
    }
}
