package org.commonweal.housing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The payment form of a client's subsidy page: who may do what, and the ceiling answered on the form. */
@IntegrationTest
class HousingSubsidyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    static final RequestPostProcessor CASE_MANAGER = user("case-manager").roles("CASE_MANAGER");
    static final RequestPostProcessor GRANTS = user("go").roles("GRANTS_OFFICER");

    /** A subsidy of client 1 (case-manager's) paid from a fresh source of {@code total} for 2026. */
    long subsidy(String total) {
        String source = "TEST-" + System.nanoTime();
        jdbc.sql("""
                insert into housing.funding_source (id, name, purpose, total, starts_on, ends_on)
                values (?, 'test source', 'rent', ?, '2026-01-01', '2026-12-31')""").params(source, new BigDecimal(total)).update();
        return jdbc.sql("""
                insert into housing.subsidy (client_id, funding_source_id, landlord, unit, monthly_rent, tenant_share, starts_on)
                values (1, ?, 'Test Landlord', '1 Test St', 450, 50, '2026-01-01') returning id""").param(source).query(Long.class).single();
    }

    long paymentOf(long subsidy, String month) {
        return jdbc.sql(
                        "select id from housing.payment where subsidy_id = ? and month = ?::date and status <> 'returned'")
                .params(subsidy, month + "-01")
                .query(Long.class)
                .single();
    }

    String statusOf(long payment) {
        return jdbc.sql("select status from housing.payment where id = ?")
                .param(payment)
                .query(String.class)
                .single();
    }

    @Test
    void caseManagerSchedulesAndHoldsButMarkingPaidIsTheGrantsOfficers() throws Exception {
        long subsidy = subsidy("5000.00");
        String page = mvc.perform(get("/housing/subsidies/" + subsidy).with(CASE_MANAGER))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"payment-form\"").contains("value=\"400.00\"");
        mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-03")
                        .param("amount", "400.00")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        long payment = paymentOf(subsidy, "2026-03");
        mvc.perform(post("/housing/payments/" + payment + "/status")
                        .param("status", "held")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        assertThat(statusOf(payment)).isEqualTo("held");
        mvc.perform(post("/housing/payments/" + payment + "/status")
                        .param("status", "scheduled")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/housing/payments/" + payment + "/status")
                        .param("status", "paid")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isForbidden());
        assertThat(statusOf(payment)).isEqualTo("scheduled");
        mvc.perform(post("/housing/payments/" + payment + "/status")
                        .param("status", "paid")
                        .with(csrf())
                        .with(GRANTS))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/housing/payments/" + payment + "/status")
                        .param("status", "returned")
                        .with(csrf())
                        .with(GRANTS))
                .andExpect(status().is3xxRedirection());
        assertThat(statusOf(payment)).isEqualTo("returned");
        assertThat(jdbc.sql("""
                select count(*) from audit.audit_event where entity_type = 'housing-payment' and entity_id = ?""").param(Long.toString(payment)).query(Long.class).single())
                .as("schedule + 4 status changes")
                .isEqualTo(5);
    }

    @Test
    void theCeilingIsAnsweredOnTheFormWithWhatRemains() throws Exception {
        long subsidy = subsidy("500.00");
        mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-01")
                        .param("amount", "400.00")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        String source = jdbc.sql("select funding_source_id from housing.subsidy where id = ?")
                .param(subsidy)
                .query(String.class)
                .single();
        String body = mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-02")
                        .param("amount", "400.00")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"payment-amount-error\"")
                .contains("would exceed funding source " + source + "; remaining 100.00");
        assertThat(jdbc.sql("select count(*) from housing.payment where subsidy_id = ?")
                        .param(subsidy)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badMonthOrAmountOrAMonthOutsideTheGrantIsAFieldError() throws Exception {
        long subsidy = subsidy("5000.00");
        String body = mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "March")
                        .param("amount", "-3")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("id=\"payment-month-error\"").contains("id=\"payment-amount-error\"");
        body = mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2027-01")
                        .param("amount", "400")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("2027-01 is outside funding source");
        mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-05")
                        .param("amount", "400")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        body = mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-05")
                        .param("amount", "400")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("already has a live payment for that month");
    }

    @Test
    void aPaymentAboveTheMonthlyAssistanceWarnsAndNeedsAReason() throws Exception {
        long subsidy = subsidy("20000.00");
        String body = mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-06")
                        .param("amount", "9000")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#payment-reason\"",
                        "9000 is more than the monthly assistance of 400.00",
                        "value=\"9000\"");
        assertThat(jdbc.sql("select count(*) from housing.payment where subsidy_id = ?")
                        .param(subsidy)
                        .query(Long.class)
                        .single())
                .isZero();
        mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-06")
                        .param("amount", "1200")
                        .param("reason", "three months of arrears")
                        .with(csrf())
                        .with(CASE_MANAGER))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select description from housing.payment where subsidy_id = ?")
                        .param(subsidy)
                        .query(String.class)
                        .single())
                .contains("three months of arrears");
    }

    @Test
    void anotherTeamsCaseManagerCannotSeeOrPayTheSubsidy() throws Exception {
        long subsidy = subsidy("5000.00");
        var other = user("cm-nguyen").roles("CASE_MANAGER");
        mvc.perform(get("/housing/subsidies/" + subsidy).with(other)).andExpect(status().isForbidden());
        mvc.perform(post("/housing/subsidies/" + subsidy + "/payments")
                        .param("month", "2026-04")
                        .param("amount", "400")
                        .with(csrf())
                        .with(other))
                .andExpect(status().isForbidden());
        // issue #17: the subsidy page names the client and their address: not for grants officers
        mvc.perform(get("/housing/subsidies/" + subsidy).with(GRANTS)).andExpect(status().isForbidden());
        mvc.perform(get("/housing/subsidies/" + subsidy).with(user("an").roles("ANALYST")))
                .andExpect(status().isForbidden());
    }
}
