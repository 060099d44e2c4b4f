package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.commonweal.IntegrationTest;
import org.commonweal.grants.lifecycle.ApplicationStatus;
import org.commonweal.grants.lifecycle.DisbursementStatus;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class GrantsLifecycleIntegrationTests {

    @Autowired
    GrantsCatalog catalog;

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    ApplicationDesk applications;

    @Autowired
    ReviewDesk reviews;

    @Autowired
    BoardDesk board;

    @Autowired
    AwardDesk awards;

    @Autowired
    ReportingDesk reporting;

    @Autowired
    Portfolio portfolio;

    @Autowired
    JdbcClient jdbc;

    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 900_000));

    private long newOrganization() {
        String ein = String.format("88-%07d", SEQ.incrementAndGet() % 10_000_000);
        return organizations
                .register(
                        new OrganizationRegistry.Registration(
                                ein,
                                "Test Clinic " + ein,
                                "FQHC",
                                "1 Main St",
                                "Los Angeles",
                                "90012",
                                4,
                                "Pat Lee",
                                "pat@example.org"),
                        "test")
                .organization()
                .id();
    }

    @Autowired
    org.commonweal.identity.UserAccounts users;

    /** An active GRANT_REVIEWER login (reviewers are picked from those, not typed). */
    String reviewerLogin(String username) {
        if (users.findByUsername(username).isEmpty()) {
            users.create(new org.commonweal.identity.UserAccounts.NewUserAccount(
                    username,
                    "Reviewer " + username,
                    java.util.UUID.randomUUID() + "-Aa1!",
                    java.util.Set.of(org.commonweal.identity.Role.GRANT_REVIEWER)));
        }
        return username;
    }

    private long submittedApplication(long cycleId, long org) {
        long app = applications.start(cycleId, org, "grantee", Instant.now());
        applications.save(
                app,
                new ApplicationDesk.Draft(
                        "Clinic upgrade",
                        new BigDecimal("150000"),
                        List.of("need", "plan", "measures"),
                        List.of(new ApplicationDesk.BudgetLine("Equipment", "Imaging", new BigDecimal("150000")))),
                "grantee");
        applications.submit(app, "grantee", Instant.now());
        return app;
    }

    @Test
    void registeringAnEinTwiceFindsTheSameOrganization() {
        long first = newOrganization();
        var org = organizations.find(first).orElseThrow();
        var again = organizations.register(
                new OrganizationRegistry.Registration(
                        org.ein().replace("-", ""), "Another Name", "NON_PROFIT", null, null, null, null, null, null),
                "test");
        assertThat(again.created()).isFalse();
        assertThat(again.organization().id()).isEqualTo(first);
    }

    @Test
    void demoDataHasTheDemoGranteeOrganizationAndAnOpenCycle() {
        assertThat(organizations.byRef("DEMO-GRANTEE-ORG")).isPresent();
        assertThat(catalog.openOrUpcoming(Instant.now()))
                .anySatisfy(c -> assertThat(c.status(Instant.now())).isEqualTo("open"));
    }

    @Test
    void rejectsApplicationAfterDeadlineWithTheReasonAndAuditsIt() {
        var cycle = catalog.openOrUpcoming(Instant.now()).stream()
                .filter(c -> c.status(Instant.now()).equals("open"))
                .findFirst()
                .orElseThrow();
        long app = applications.start(cycle.id(), newOrganization(), "grantee", Instant.now());
        applications.save(
                app,
                new ApplicationDesk.Draft(
                        "Late",
                        cycle.awardFloor(),
                        List.of("a", "b", "c"),
                        List.of(new ApplicationDesk.BudgetLine("Staff", "x", cycle.awardFloor()))),
                "grantee");
        assertThatThrownBy(() ->
                        applications.submit(app, "grantee", cycle.closesAt().plusSeconds(1)))
                .isInstanceOf(GrantRuleViolation.class)
                .hasMessageContaining("The deadline was");
        assertThat(applications.find(app).orElseThrow().status()).isEqualTo(ApplicationStatus.DRAFT);
        applications.submit(app, "grantee", cycle.closesAt().minusSeconds(1));
        assertThat(applications.find(app).orElseThrow().status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void runsTheWholeLifecycleWithARecusalBoardApprovalTwoTranchesReportsAndCloseout() {
        var cycle =
                catalog.cycle("TRANQUADA-" + (LocalDate.now().getYear() + 1)).orElseThrow();
        long org = newOrganization();
        long app = applications.start(cycle.id(), org, "grantee", Instant.now());
        applications.save(
                app,
                new ApplicationDesk.Draft(
                        "Clinic upgrade",
                        new BigDecimal("150000"),
                        List.of("need", "plan", "measures"),
                        List.of(new ApplicationDesk.BudgetLine("Equipment", "Imaging", new BigDecimal("150000")))),
                "grantee");
        var attachment = applications.attach(
                app, "budget.pdf", "%PDF-1.4 budget".getBytes(StandardCharsets.US_ASCII), "grantee");
        assertThat(attachment.sha256()).hasSize(64);
        applications.submit(app, "grantee", Instant.now());
        assertThatThrownBy(() ->
                        applications.attach(app, "late.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "grantee"))
                .hasMessageContaining("after submission");

        applications.screen(app, true, null, "grants-officer");
        long conflicted = reviews.assign(app, reviewerLogin("reviewer-a"), "grants-officer");
        long cleared = reviews.assign(app, reviewerLogin("reviewer-b"), "grants-officer");
        reviews.declare(conflicted, "reviewer-a", true, "I serve on the applicant's board");
        assertThatThrownBy(() -> reviews.score(
                        conflicted, "reviewer-a", Map.of("1-need", 5, "2-plan", 5, "3-equity", 5, "4-budget", 5), null))
                .hasMessageContaining("recused");
        assertThatThrownBy(() -> reviews.conclude(app, true, "grants-officer")).hasMessageContaining("must complete");
        reviews.declare(cleared, "reviewer-b", false, null);
        reviews.score(cleared, "reviewer-b", Map.of("1-need", 4, "2-plan", 4, "3-equity", 3, "4-budget", 5), "Solid");
        var summary = reviews.summary(app, cycle.id());
        assertThat(summary.recused()).isEqualTo(1);
        assertThat(summary.completed()).isEqualTo(1);
        assertThat(summary.meanWeightedScore()).isEqualByComparingTo("22.00");
        reviews.conclude(app, true, "grants-officer");

        long meeting =
                board.meeting(LocalDate.now().plusDays(200 + SEQ.get() % 100), "Board of Governors", "grants-officer");
        assertThatThrownBy(() -> board.place(meeting, app, new BigDecimal("200000"), "grants-officer"))
                .hasMessageContaining("between");
        board.place(meeting, app, new BigDecimal("150000"), "grants-officer");
        board.act(meeting, "Approve the Tranquada slate", LocalDate.now(), true, LocalDate.now(), 12, "grants-officer");
        var award = awards.ofOrganization(org).getFirst();
        assertThat(award.amount()).isEqualByComparingTo("150000");
        assertThat(applications.find(app).orElseThrow().status()).isEqualTo(ApplicationStatus.APPROVED);

        long t1 = awards.schedule(
                award.id(), new BigDecimal("75000"), LocalDate.now(), "Agreement signed", "grants-officer");
        long t2 = awards.schedule(
                award.id(), new BigDecimal("75000"), LocalDate.now().plusMonths(6), "Interim report", "grants-officer");
        assertThatThrownBy(
                        () -> awards.schedule(award.id(), new BigDecimal("1"), LocalDate.now(), null, "grants-officer"))
                .hasMessageContaining("more than the award");
        awards.approve(t1, "grants-officer");
        // separation of duties: the officer who scheduled and approved it does not mark it paid
        assertThatThrownBy(() -> awards.pay(t1, LocalDate.now(), "grants-officer"))
                .hasMessageContaining("Separation of duties");
        awards.pay(t1, LocalDate.now(), "treasurer");
        awards.amend(award.id(), new BigDecimal("140000"), null, "Equipment cost less", "grants-officer");
        assertThatThrownBy(() -> awards.approve(t2, "grants-officer")).hasMessageContaining("more than the award");
        awards.amend(award.id(), new BigDecimal("150000"), award.endsOn().plusMonths(3), "Restored", "grants-officer");
        assertThat(awards.amendments(award.id())).hasSize(2);
        awards.approve(t2, "grants-officer");
        awards.pay(t2, LocalDate.now(), "treasurer");
        assertThat(awards.paid(award.id())).isEqualByComparingTo("150000");

        assertThatThrownBy(() -> reporting.close(award.id(), "done", "grants-officer"))
                .hasMessageContaining("not yet accepted");
        for (var requirement : reporting.forAward(award.id())) {
            reporting.submit(requirement.id(), "We bought the equipment", new BigDecimal("150000"), "grantee");
            reporting.review(requirement.id(), true, "Thank you", "grants-officer");
        }
        reporting.outcome(
                award.id(), "Patients imaged", new BigDecimal("500"), new BigDecimal("540"), "grants-officer");
        reporting.close(award.id(), "All reports accepted", "grants-officer");
        assertThat(awards.find(award.id()).orElseThrow().status()).isEqualTo("CLOSED");

        long audited = jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = 'grant-award' and entity_id = ? and action in ('DECISION', 'PAYMENT')")
                .param(String.valueOf(award.id()))
                .query(Long.class)
                .single();
        assertThat(audited).isGreaterThanOrEqualTo(12);
    }

    @Test
    void concurrentApprovalsNeverCommitMoreThanTheAward() throws Exception {
        long org = newOrganization();
        long awardId = awards.create(
                new AwardDesk.NewAward(
                        null,
                        org,
                        1,
                        null,
                        "Concurrency",
                        new BigDecimal("100000"),
                        LocalDate.now(),
                        LocalDate.now(),
                        LocalDate.now().plusYears(1),
                        null),
                "grants-officer");
        List<Long> tranches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tranches.add(awards.schedule(awardId, new BigDecimal("10000"), LocalDate.now(), null, "grants-officer"));
        }
        // the award is cut after scheduling: only five of the ten tranches can still be approved
        awards.amend(awardId, new BigDecimal("50000"), null, "Scope reduced", "grants-officer");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (long tranche : tranches) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    awards.approve(tranche, "officer-" + Thread.currentThread().threadId());
                    awards.pay(tranche, LocalDate.now(), "treasurer");
                    return true;
                } catch (GrantRuleViolation refused) {
                    return false;
                }
            }));
        }
        start.countDown();
        int approved = 0;
        for (var r : results) {
            approved += r.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(approved).isEqualTo(5);
        assertThat(awards.paid(awardId)).isEqualByComparingTo("50000");
        assertThat(awards.disbursements(awardId).stream()
                        .filter(d -> d.status() == DisbursementStatus.PAID)
                        .count())
                .isEqualTo(5);
    }

    @Test
    void portfolioReproducesThePublicFiguresSince2000() {
        var figures = portfolio.figures(Portfolio.Filter.all(), LocalDate.now());
        assertThat(figures.totalAwarded()).isGreaterThan(new BigDecimal("105000000"));
        assertThat(figures.projects()).isGreaterThan(800);
        assertThat(figures.uniqueOrganizations()).isGreaterThan(240);
        assertThat(figures.openCycles()).isGreaterThanOrEqualTo(2);
        var oral = portfolio.figures(new Portfolio.Filter(2003, null, "ORAL"), LocalDate.now());
        assertThat(oral.totalAwarded()).isBetween(new BigDecimal("11500000"), new BigDecimal("12500000"));
        var homeless = portfolio.figures(new Portfolio.Filter(2017, 2021, "HHC"), LocalDate.now());
        assertThat(homeless.totalAwarded()).isEqualByComparingTo("20000000");
        var tranquada = portfolio.byYear(new Portfolio.Filter(null, 2025, "TRANQUADA"));
        assertThat(tranquada.getFirst().label()).isEqualTo("2007");
        assertThat(tranquada).allSatisfy(round -> {
            assertThat(round.awarded()).isBetween(new BigDecimal("1400000"), new BigDecimal("2100000"));
            assertThat(round.projects()).isBetween(10L, 14L);
        });
        assertThat(portfolio.bySpa(Portfolio.Filter.all()))
                .extracting(Portfolio.Slice::label)
                .contains("SPA 4");
        assertThat(portfolio.byOrganizationType(Portfolio.Filter.all()))
                .extracting(Portfolio.Slice::label)
                .contains("FQHC", "NON_PROFIT");
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    private static final org.springframework.test.web.servlet.request.RequestPostProcessor OFFICER =
            org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                            "grants-officer")
                    .roles("GRANTS_OFFICER");

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .with(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf());
    }

    private long inReview() {
        var cycle =
                catalog.cycle("TRANQUADA-" + (LocalDate.now().getYear() + 1)).orElseThrow();
        long app = submittedApplication(cycle.id(), newOrganization());
        applications.screen(app, true, null, "grants-officer");
        return app;
    }

    @Test
    void aReviewerIsPickedFromActiveReviewerLoginsAndCanBeRemovedBeforeScoring() throws Exception {
        long app = inReview();
        assertThatThrownBy(() -> reviews.assign(app, "nobody-here", "grants-officer"))
                .hasMessageContaining("not an active grant reviewer login");
        assertThat(reviews.forApplication(app)).isEmpty();
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                "/grants/staff/applications/" + app)
                        .with(OFFICER))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("<select class=\"form-select\" id=\"reviewer\"", "<option value=\"grant-reviewer\">");
        long typo = reviews.assign(app, reviewerLogin("reviewer-c"), "grants-officer");
        mvc.perform(form("/grants/staff/applications/" + app + "/reviewers/" + typo + "/removal")
                .with(OFFICER));
        assertThat(reviews.forApplication(app)).isEmpty();
        // once scored, a reviewer stays
        long scored = reviews.assign(app, "grant-reviewer", "grants-officer");
        reviews.declare(scored, "grant-reviewer", false, null);
        reviews.score(scored, "grant-reviewer", Map.of("1-need", 4, "2-plan", 4, "3-equity", 3, "4-budget", 5), null);
        assertThatThrownBy(() -> reviews.unassign(scored, "grants-officer")).hasMessageContaining("already scored");
    }

    @Test
    void aDecimalScoreComesBackNamingTheCriterionInsteadOfAServerError() throws Exception {
        long app = inReview();
        long assignment = reviews.assign(app, "grant-reviewer", "grants-officer");
        reviews.declare(assignment, "grant-reviewer", false, null);
        mvc.perform(
                        form("/grants/reviews/" + assignment + "/scores")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("grant-reviewer")
                                        .roles("GRANT_REVIEWER"))
                                .param("score.1-need", "3.5")
                                .param("score.2-plan", "4")
                                .param("score.3-equity", "3")
                                .param("score.4-budget", "5"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", org.hamcrest.Matchers.containsString("whole numbers")));
        assertThat(reviews.find(assignment).orElseThrow().status().name()).isNotEqualTo("COMPLETED");
    }

    @Test
    void tranchesStayInsideTheGrantPeriodAndNothingIsPaidBeforeItStarts() {
        LocalDate starts = LocalDate.now().plusDays(60);
        long awardId = awards.create(
                new AwardDesk.NewAward(
                        null,
                        newOrganization(),
                        1,
                        null,
                        "Later start",
                        new BigDecimal("60000"),
                        LocalDate.now(),
                        starts,
                        starts.plusYears(1),
                        null),
                "grants-officer");
        assertThatThrownBy(() -> awards.schedule(
                        awardId, new BigDecimal("1000"), LocalDate.of(2020, 1, 15), null, "grants-officer"))
                .hasMessageContaining("inside the grant period");
        assertThatThrownBy(() ->
                        awards.schedule(awardId, new BigDecimal("1000"), starts.plusYears(2), null, "grants-officer"))
                .hasMessageContaining("inside the grant period");
        long tranche = awards.schedule(awardId, new BigDecimal("60000"), starts, "Signed", "grants-officer");
        awards.approve(tranche, "grants-officer");
        assertThatThrownBy(() -> awards.pay(tranche, LocalDate.now(), "treasurer"))
                .hasMessageContaining("before the grant period starts");
        assertThat(awards.disbursement(tranche).orElseThrow().status()).isEqualTo(DisbursementStatus.APPROVED);
    }

    /**
     * #18: a tranche is paid only through the confirmation, which shows what will be paid, to whom and how much; a
     * "pay" without the confirmed amount (or with one that is not the tranche's) pays nothing.
     */
    @Test
    void aPaymentIsMadeOnlyAfterThePayerConfirmsWhatWillBePaidToWhomAndHowMuch() throws Exception {
        var treasurer = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        "treasurer")
                .roles("GRANTS_OFFICER");
        long awardId = awards.create(
                new AwardDesk.NewAward(
                        null,
                        newOrganization(),
                        1,
                        null,
                        "Pay confirmation",
                        new BigDecimal("60000"),
                        LocalDate.now(),
                        LocalDate.now(),
                        LocalDate.now().plusYears(1),
                        null),
                "grants-officer");
        long tranche = awards.schedule(
                awardId, new BigDecimal("25000.50"), LocalDate.now(), "Agreement signed", "grants-officer");
        awards.approve(tranche, "grants-officer");
        String path = "/grants/staff/awards/" + awardId + "/tranches/" + tranche;
        var status = org.springframework.test.web.servlet.result.MockMvcResultMatchers.status();

        // a bare "pay" (the old button) goes to the confirmation and pays nothing
        mvc.perform(form(path).with(treasurer).param("action", "pay"))
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(path + "/pay"));
        assertThat(awards.disbursement(tranche).orElseThrow().status()).isEqualTo(DisbursementStatus.APPROVED);

        var award = awards.find(awardId).orElseThrow();
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path + "/pay")
                        .with(treasurer))
                .andExpect(status.isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        award.organizationName() + " · EIN " + award.ein(),
                        "$25,000.50",
                        "Agreement signed",
                        "Confirm: pay $25,000.50 to",
                        "$34,999.50",
                        "name=\"confirmedAmount\" value=\"25000.50\"");
        // the officer who approved it sees why they cannot pay, and no button
        String own = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path + "/pay")
                        .with(OFFICER)
                        .param("lang", "es"))
                .andExpect(status.isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(own)
                .contains("id=\"pay-second-person\"", "separación de funciones")
                .doesNotContain("id=\"confirm-pay\"");

        // a confirmation of another amount (the tranche changed since) pays nothing
        mvc.perform(form(path).with(treasurer).param("action", "pay").param("confirmedAmount", "2500.05"))
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(path + "/pay"));
        assertThat(awards.paid(awardId)).isEqualByComparingTo("0");

        mvc.perform(form(path).with(treasurer).param("action", "pay").param("confirmedAmount", "25000.50"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/grants/staff/awards/" + awardId));
        assertThat(awards.disbursement(tranche).orElseThrow().status()).isEqualTo(DisbursementStatus.PAID);
        assertThat(awards.paid(awardId)).isEqualByComparingTo("25000.50");
    }

    /** #18: the tranche form comes back on the award page with what was typed and every error at once, nothing saved. */
    @Test
    void aBadTrancheFormNamesEveryFieldInWordsInBothLanguagesAndSchedulesNothing() throws Exception {
        LocalDate starts = LocalDate.now().plusDays(60);
        long awardId = awards.create(
                new AwardDesk.NewAward(
                        null,
                        newOrganization(),
                        1,
                        null,
                        "Tranche form",
                        new BigDecimal("60000"),
                        LocalDate.now(),
                        starts,
                        starts.plusYears(1),
                        null),
                "grants-officer");
        String milestone = "M".repeat(10_000);
        String body = mvc.perform(form("/grants/staff/awards/" + awardId + "/tranches")
                        .with(OFFICER)
                        .param("amount", "90000")
                        .param("dueOn", "2020-01-15")
                        .param("milestone", milestone))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#t-amount\"",
                        "href=\"#t-dueOn\"",
                        "href=\"#t-milestone\"",
                        "Tranche amount: at most $60,000.00 is left to schedule",
                        "Due date of the tranche: enter a date inside the grant period, " + starts + " to "
                                + starts.plusYears(1),
                        "Milestone: use at most 500 characters",
                        "value=\"90000\"",
                        "value=\"2020-01-15\"",
                        "value=\"" + milestone + "\"");
        String spanish = mvc.perform(form("/grants/staff/awards/" + awardId + "/tranches")
                        .with(OFFICER)
                        .param("lang", "es")
                        .param("amount", "twelve")
                        .param("dueOn", ""))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(spanish)
                .contains(
                        "Hay un problema",
                        "Monto del pago:",
                        "Fecha de vencimiento del pago: escriba un valor",
                        "value=\"twelve\"");
        assertThat(awards.disbursements(awardId)).isEmpty();
    }

    /** #18: the amendment form: every error at once on the award page, named in words, the award unchanged. */
    @Test
    void aBadAmendmentNamesEveryFieldInWordsAndChangesNothing() throws Exception {
        LocalDate starts = LocalDate.now().minusDays(30);
        long awardId = awards.create(
                new AwardDesk.NewAward(
                        null,
                        newOrganization(),
                        1,
                        null,
                        "Amendment form",
                        new BigDecimal("60000"),
                        LocalDate.now(),
                        starts,
                        starts.plusYears(1),
                        null),
                "grants-officer");
        long tranche = awards.schedule(awardId, new BigDecimal("40000"), starts, null, "grants-officer");
        awards.approve(tranche, "grants-officer");
        String body = mvc.perform(form("/grants/staff/awards/" + awardId + "/amendments")
                        .with(OFFICER)
                        .param("amount", "30000")
                        .param("endsOn", starts.minusDays(1).toString())
                        .param("reason", ""))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#am-amount\"",
                        "href=\"#am-endsOn\"",
                        "href=\"#am-reason\"",
                        "New award amount: enter at least $40,000.00",
                        "New end date: enter " + starts + " or a later date",
                        "Reason for the amendment: enter a value",
                        "value=\"30000\"",
                        "value=\"" + starts.minusDays(1) + "\"");
        String spanish = mvc.perform(form("/grants/staff/awards/" + awardId + "/amendments")
                        .with(OFFICER)
                        .param("lang", "es")
                        .param("amount", "mucho")
                        .param("reason", "R".repeat(10_000)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(spanish)
                .contains(
                        "Hay un problema",
                        "Nuevo monto de la subvención:",
                        "Motivo de la enmienda: use como máximo 1.000 caracteres",
                        "value=\"mucho\"");
        assertThat(awards.find(awardId).orElseThrow().amount()).isEqualByComparingTo("60000");
        assertThat(awards.amendments(awardId)).isEmpty();
    }

    @Test
    void aBoardApprovalCannotBeDatedAheadAndABlankBoardFormNamesTheFields() throws Exception {
        var cycle =
                catalog.cycle("TRANQUADA-" + (LocalDate.now().getYear() + 1)).orElseThrow();
        long app = inReview();
        long review = reviews.assign(app, "grant-reviewer", "grants-officer");
        reviews.declare(review, "grant-reviewer", false, null);
        reviews.score(review, "grant-reviewer", Map.of("1-need", 4, "2-plan", 4, "3-equity", 3, "4-budget", 5), null);
        reviews.conclude(app, true, "grants-officer");
        long meeting =
                board.meeting(LocalDate.now().plusDays(300 + SEQ.get() % 60), "Board of Governors", "grants-officer");
        board.place(meeting, app, cycle.awardFloor(), "grants-officer");
        assertThatThrownBy(() ->
                        board.act(meeting, "Approve", LocalDate.now().plusDays(14), true, null, 12, "grants-officer"))
                .hasMessageContaining("in the future");
        assertThat(applications.find(app).orElseThrow().status()).isEqualTo(ApplicationStatus.RECOMMENDED);

        String blank = mvc.perform(form("/grants/staff/board").with(OFFICER))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(blank)
                .contains(
                        "id=\"error-summary\"",
                        "Date of the meeting: enter a value",
                        "Meeting: enter a value",
                        "href=\"#m-date\"");
        String garbage = mvc.perform(form("/grants/staff/board")
                        .with(OFFICER)
                        .param("lang", "es")
                        .param("date", "garbage")
                        .param("title", "T".repeat(10_000)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(garbage)
                .contains(
                        "Hay un problema",
                        "Fecha de la reunión: escriba una fecha real",
                        "Reunión: use como máximo 200 caracteres",
                        "value=\"garbage\"");
        mvc.perform(form("/grants/staff/board/" + meeting + "/actions")
                        .with(OFFICER)
                        .param("lang", "es")
                        .param("motion", "Aprobar")
                        .param("actionDate", LocalDate.now().toString())
                        .param("approved", "true")
                        .param("months", "twelve"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/grants/staff/board/" + meeting))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute(
                                "error",
                                org.hamcrest.Matchers.startsWith(
                                        "Meses del período de la subvención: \"twelve\" no es")));
    }
}
