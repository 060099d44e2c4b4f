package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class GrantsExtensionWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    UserAccounts accounts;

    @Autowired
    AwardDesk awards;

    @Autowired
    ReportingDesk reporting;

    @Test
    void aGranteeAsksForMoreTimeOnTheAwardPageStaffApproveAndBothSeeTheDueDateHistory() throws Exception {
        var org =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        var other =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        String grantee = "rosa" + GrantsTestCycles.next();
        String outsider = "omar" + GrantsTestCycles.next();
        accounts.create(new UserAccounts.NewUserAccount(
                grantee, "Rosa", "extension-password", EnumSet.of(Role.GRANTEE), null, org.orgRef()));
        accounts.create(new UserAccounts.NewUserAccount(
                outsider, "Omar", "extension-password", EnumSet.of(Role.GRANTEE), null, other.orgRef()));
        LocalDate today = LocalDate.now();
        long award = awards.create(
                new AwardDesk.NewAward(
                        null,
                        org.id(),
                        1,
                        null,
                        "Extensions",
                        new BigDecimal("40000"),
                        today,
                        today,
                        today.plusYears(1),
                        null),
                "grants-officer");
        var interim = reporting.forAward(award).stream()
                .filter(r -> r.kind().equals("INTERIM"))
                .findFirst()
                .orElseThrow();
        LocalDate later = interim.effectiveDue().plusDays(45);
        String ask = "/grants/my/awards/" + award + "/reports/" + interim.id() + "/extension";

        mvc.perform(post(ask)
                        .with(user(outsider).roles("GRANTEE"))
                        .with(csrf())
                        .param("to", later.toString())
                        .param("reason", "x"))
                .andExpect(status().isNotFound());
        mvc.perform(post(ask).with(user(grantee).roles("GRANTEE")).with(csrf()).param("to", later.toString()))
                .andExpect(flash().attribute("error", "Say why you need more time."));
        mvc.perform(post(ask)
                        .with(user(grantee).roles("GRANTEE"))
                        .with(csrf())
                        .param("to", later.toString())
                        .param("reason", "Our evaluator starts next month"))
                .andExpect(flash().attribute("doneKey", "grants.extension.requested"));
        mvc.perform(get("/grants/my/awards/" + award).with(user(grantee).roles("GRANTEE")))
                .andExpect(content().string(containsString("Waiting for CHIF staff")));

        var officer = user("grants-officer").roles("GRANTS_OFFICER");
        String page = mvc.perform(get("/grants/staff/awards/" + award).with(officer))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("approve-extension-INTERIM").contains("Our evaluator starts next month");
        long requestId = Long.parseLong(page.replaceAll("(?s).*/extensions/(\\d+)\".*", "$1"));
        mvc.perform(post("/grants/staff/awards/" + award + "/extensions/" + requestId)
                        .with(officer)
                        .with(csrf())
                        .param("approve", "true"))
                .andExpect(flash().attribute("doneKey", "grants.done"));
        assertThat(reporting.find(interim.id()).orElseThrow().effectiveDue()).isEqualTo(later);
        mvc.perform(get("/grants/my/awards/" + award).with(user(grantee).roles("GRANTEE")))
                .andExpect(content().string(containsString(interim.dueOn() + " → " + later)))
                .andExpect(content().string(containsString("Approved")));
    }
}
