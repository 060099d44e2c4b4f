package org.commonweal.housing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class HousingLedgerIntegrationTests {

    @Autowired
    FundingLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    private String newSource(String total) {
        String id = "TEST-" + System.nanoTime();
        jdbc.sql("""
                insert into housing.funding_source (id, name, purpose, total, starts_on, ends_on)
                values (?, 'test source', 'rent', ?, '2026-01-01', '2026-12-31')""").params(id, new BigDecimal(total)).update();
        return id;
    }

    @Test
    void concurrentPaymentsNeverPassTheFundingSourceTotal() throws Exception {
        String source = newSource("1000.00");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads * 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        ledger.schedule(source, null, YearMonth.of(2026, 3), new BigDecimal("75.00"), "test", "test");
                    } catch (LedgerCeilingExceeded e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // 13 × 75 = 975 fits, a 14th would make 1050
        assertThat(ledger.committed(source)).isEqualByComparingTo("975.00");
        assertThat(refused.get()).isEqualTo(threads * 2 - 13);
        assertThat(jdbc.sql("select count(*) from housing.payment where funding_source_id = ?")
                        .param(source)
                        .query(Long.class)
                        .single())
                .isEqualTo(13);
    }

    @Test
    void returnedPaymentsFreeTheirShareAndCannotComeBack() {
        String source = newSource("100.00");
        var first = ledger.schedule(source, null, YearMonth.of(2026, 2), new BigDecimal("100.00"), "test", "test");
        assertThatThrownBy(() -> ledger.schedule(source, null, YearMonth.of(2026, 3), new BigDecimal("0.01"), "t", "t"))
                .isInstanceOf(LedgerCeilingExceeded.class)
                .hasMessageContaining("remaining 0.00");
        ledger.changeStatus(first.id(), "returned", null);
        assertThat(ledger.committed(source)).isEqualByComparingTo("0");
        assertThatThrownBy(() -> ledger.changeStatus(first.id(), "scheduled", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot become scheduled");
        assertThatThrownBy(() -> ledger.schedule(source, null, YearMonth.of(2027, 1), new BigDecimal("1"), "t", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void demoLedgerStaysWithinEveryFundingSource() {
        for (var source : ledger.sources()) {
            assertThat(ledger.committed(source.id())).isLessThanOrEqualTo(source.total());
        }
        assertThat(ledger.committed("STATE-RENT")).isPositive();
    }

    @Test
    void grantsOfficerReleasesAHeldPaymentAndTheCeilingIsAnsweredAs422() throws Exception {
        String source = newSource("500.00");
        long subsidy = jdbc.sql("""
                insert into housing.subsidy (client_id, funding_source_id, landlord, unit, monthly_rent, tenant_share, starts_on)
                values (1, ?, 'Test Landlord', '1 Test St', 450, 50, '2026-01-01') returning id""").param(source).query(Long.class).single();
        var payment = ledger.schedule(source, subsidy, YearMonth.of(2026, 1), new BigDecimal("400.00"), "rent", "test");
        ledger.changeStatus(payment.id(), "held", null);
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/housing/payments/" + payment.id() + "/status")
                                .param("status", "scheduled")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("cm")
                                        .roles("CASE_MANAGER"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isForbidden());
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/housing/payments/" + payment.id() + "/status")
                                .param("status", "scheduled")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("go")
                                        .roles("GRANTS_OFFICER"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .is3xxRedirection());
        assertThat(ledger.payment(payment.id()).orElseThrow().status()).isEqualTo("scheduled");
        // issue #17: the subsidy page (client name, home address) is not for grants officers, nor is its form
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/housing/subsidies/" + subsidy + "/payments")
                                .param("source", source)
                                .param("month", "2026-02")
                                .param("amount", "400.00")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("go")
                                        .roles("GRANTS_OFFICER"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isForbidden());
        String body = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/housing/subsidies/" + subsidy + "/payments")
                                .param("source", source)
                                .param("month", "2026-02")
                                .param("amount", "400.00")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("admin")
                                        .roles("ADMIN"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("would exceed funding source " + source).contains("remaining 100.00");
    }
}
