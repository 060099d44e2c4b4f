package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class GrantsCollaborationIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogEditor editor;

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApplicationDesk applications;

    @Autowired
    JdbcClient jdbc;

    private String grantee(String prefix, OrganizationRegistry.Organization org) {
        String username = prefix + GrantsTestCycles.next();
        accounts.create(new UserAccounts.NewUserAccount(
                username, prefix, "collaboration-password", EnumSet.of(Role.GRANTEE), null, org.orgRef()));
        return username;
    }

    private static RequestPostProcessor as(String username) {
        return user(username).roles("GRANTEE");
    }

    private MockHttpServletRequestBuilder save(long app, String username, int version, String answer1, String answer2) {
        return post("/grants/my/applications/" + app)
                .with(as(username))
                .with(csrf())
                .param("title", "Mobile clinic")
                .param("requested", "100000")
                .param("version", String.valueOf(version))
                .param("answer", answer1, answer2)
                .param("category", "Vehicle")
                .param("description", "Van")
                .param("amount", "100000");
    }

    @Test
    void twoColleaguesWorkOnOneApplicationEachSeesWhoEditedWhatAndAnotherOrganizationIsRefused() throws Exception {
        var org =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        var other =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        String ana = grantee("ana", org);
        String ben = grantee("ben", org);
        String outsider = grantee("carla", other);
        long cycleId = editor.saveCycle(null, GrantsTestCycles.openCycle(false), "grants-officer");

        String location = mvc.perform(
                        post("/grants/my/apply/" + cycleId).with(as(ana)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long app = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        // Ana saves, Ben returns to it and adds his part
        mvc.perform(save(app, ana, 0, "Need written by Ana", ""))
                .andExpect(flash().attribute("doneKey", "grants.application.saved"));
        mvc.perform(get("/grants/my/applications/" + app).with(as(ben)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Need written by Ana")));
        mvc.perform(save(app, ben, 1, "Need written by Ana", "Plan written by Ben"))
                .andExpect(flash().attribute("doneKey", "grants.application.saved"));

        // Ana's page was opened before Ben saved: her save is refused, naming him, instead of erasing his plan
        mvc.perform(save(app, ana, 1, "Need rewritten by Ana", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString(ben + " saved this application")));
        assertThat(applications.find(app).orElseThrow().answers())
                .containsExactly("Need written by Ana", "Plan written by Ben");

        // Ana returns, sees Ben's work, and saves on top of it
        mvc.perform(get("/grants/my/applications/" + app).with(as(ana)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Plan written by Ben")));
        mvc.perform(save(app, ana, 2, "Need rewritten by Ana", "Plan written by Ben"))
                .andExpect(flash().attribute("doneKey", "grants.application.saved"));
        mvc.perform(multipart("/grants/my/applications/" + app + "/attachments")
                        .file(new MockMultipartFile(
                                "file", "letters.pdf", "application/pdf", "%PDF-1.4 support".getBytes()))
                        .with(as(ben))
                        .with(csrf()))
                .andExpect(flash().attribute("doneKey", "grants.attachment.added"));

        var edits = applications.edits(app);
        assertThat(edits).extracting(ApplicationDesk.Edit::editor).containsExactly(ben, ana, ben, ana);
        assertThat(edits.get(0).parts()).containsExactly("attachment:letters.pdf");
        assertThat(edits.get(1).parts()).containsExactly("answer:1");
        assertThat(edits.get(2).parts()).containsExactly("answer:2");
        assertThat(edits.get(3).parts()).contains("title", "requested", "answer:1", "budget");
        mvc.perform(get("/grants/my/applications/" + app).with(as(ben)))
                .andExpect(content().string(containsString("attachment letters.pdf")))
                .andExpect(content().string(containsString("answer 2")));

        // a grantee of another organization can neither read, save nor attach
        mvc.perform(get("/grants/my/applications/" + app).with(as(outsider))).andExpect(status().isNotFound());
        mvc.perform(save(app, outsider, 3, "Hijacked", "Hijacked")).andExpect(status().isNotFound());
        mvc.perform(multipart("/grants/my/applications/" + app + "/attachments")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", "%PDF-1.4 x".getBytes()))
                        .with(as(outsider))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(applications.find(app).orElseThrow().answers())
                .containsExactly("Need rewritten by Ana", "Plan written by Ben");
        assertThat(applications.edits(app))
                .extracting(ApplicationDesk.Edit::editor)
                .doesNotContain(outsider);
    }

    @Test
    void aGranteeAddsAColleagueWhoBelongsToTheSameOrganizationAndBecomesAContact() throws Exception {
        var org =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        String ana = grantee("ana", org);
        String dan = "dan" + GrantsTestCycles.next();
        mvc.perform(post("/grants/my/colleagues")
                        .with(as(ana))
                        .with(csrf())
                        .param("displayName", "Dan Ito")
                        .param("email", dan + "@example.org")
                        .param("username", dan)
                        .param("password", "colleague-password"))
                .andExpect(flash().attribute("doneKey", "grants.colleague.added"));
        assertThat(accounts.findByUsername(dan).orElseThrow().organizationRef()).isEqualTo(org.orgRef());
        assertThat(organizations.contacts(org.id()))
                .extracting(OrganizationRegistry.Contact::username)
                .contains(dan);
        mvc.perform(post("/grants/my/colleagues")
                        .with(as(ana))
                        .with(csrf())
                        .param("displayName", "Eve")
                        .param("email", "not-an-email")
                        .param("username", "eve" + GrantsTestCycles.next())
                        .param("password", "colleague-password"))
                .andExpect(flash().attribute("error", containsString("valid email")));
        mvc.perform(get("/grants/my/colleagues").with(as(ana)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Dan Ito")));
    }

    /** #18: the application form comes back with what was typed and every problem at once, in English and Spanish. */
    @Test
    void aBadApplicationComesBackWithEveryProblemAtOnceBesideItsFieldAndNothingSaved() throws Exception {
        var org =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        String ana = grantee("ana", org);
        long cycleId = editor.saveCycle(null, GrantsTestCycles.openCycle(false), "grants-officer");
        String location = mvc.perform(
                        post("/grants/my/apply/" + cycleId).with(as(ana)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long app = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String title = "T".repeat(10_000);

        // a draft: the 10,000-character title, "twelve" as the amount and a negative budget line, all at once
        String draft = mvc.perform(post("/grants/my/applications/" + app)
                        .with(as(ana))
                        .with(csrf())
                        .param("title", title)
                        .param("requested", "twelve")
                        .param("version", "0")
                        .param("answer", "Our need, with commas, kept", "")
                        .param("category", "Vehicle", "Staff")
                        .param("description", "Van", "Driver")
                        .param("amount", "40000", "-5"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(draft)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#a-title\"",
                        "Project title: use at most 300 characters",
                        "href=\"#a-requested\"",
                        "Amount requested: enter a number in figures",
                        "href=\"#b-amount-1\"",
                        "Budget line 2: amount: enter zero or more",
                        "value=\"twelve\"",
                        "value=\"" + title + "\"",
                        "Our need, with commas, kept",
                        "value=\"-5\"");
        assertThat(applications.find(app).orElseThrow().title()).isNotEqualTo(title);

        // submitting in Spanish: the range, every unanswered question and the budget, each named in words
        String submit = mvc.perform(post("/grants/my/applications/" + app)
                        .with(as(ana))
                        .with(csrf())
                        .param("lang", "es")
                        .param("title", "Clínica móvil")
                        .param("requested", "20000")
                        .param("version", "0")
                        .param("answer", "", "")
                        .param("category", "Vehículo")
                        .param("description", "Camioneta")
                        .param("amount", "15000")
                        .param("submit", "1"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(submit)
                .contains(
                        "Hay un problema",
                        "Monto solicitado: escriba un monto entre 25.000,00\u00a0US$ y 150.000,00\u00a0US$",
                        "href=\"#a-answer-0\"",
                        "Pregunta 1: responda esta pregunta antes de enviar",
                        "Pregunta 2: responda esta pregunta antes de enviar");
        String budget = mvc.perform(post("/grants/my/applications/" + app)
                        .with(as(ana))
                        .with(csrf())
                        .param("lang", "es")
                        .param("title", "Clínica móvil")
                        .param("requested", "30000")
                        .param("version", "0")
                        .param("answer", "Necesidad", "Plan")
                        .param("category", "Vehículo")
                        .param("description", "Camioneta")
                        .param("amount", "15000")
                        .param("submit", "1"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(budget)
                .contains(
                        "href=\"#budget-table\"",
                        "Presupuesto: las líneas suman 15.000,00\u00a0US$ pero la solicitud es 30.000,00\u00a0US$");
        assertThat(applications.find(app).orElseThrow().status().name()).isEqualTo("DRAFT");
    }
}
