package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.commonweal.IntegrationTest;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.grants.lifecycle.LetterOfIntentRules.Status;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class GrantsLetterOfIntentIntegrationTests {

    @Autowired
    CatalogEditor editor;

    @Autowired
    GrantsCatalog catalog;

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    LetterOfIntentDesk letters;

    @Autowired
    ApplicationDesk applications;

    @Autowired
    JdbcClient jdbc;

    private long organization() {
        return organizations
                .register(GrantsTestCycles.organization(), "test")
                .organization()
                .id();
    }

    private long audits(String entityType, long id, String detailLike) {
        return jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = ? and entity_id = ? and action = 'DECISION' and detail like ?")
                .params(entityType, String.valueOf(id), detailLike)
                .query(Long.class)
                .single();
    }

    @Test
    void onlyAnInvitedOrganizationMayStartAFullApplicationAndEveryRefusalSaysWhy() {
        long cycleId = editor.saveCycle(null, GrantsTestCycles.openCycle(true), "grants-officer");
        long invited = organization();
        long declined = organization();
        long silent = organization();

        assertThatThrownBy(() -> applications.start(cycleId, silent, "grantee", Instant.now()))
                .isInstanceOf(GrantRuleViolation.class)
                .hasMessageContaining("has not sent one");
        assertThat(audits("grant-cycle", cycleId, "application refused for organization " + silent + "%"))
                .isEqualTo(1);

        long letterA = letters.submit(
                cycleId,
                invited,
                "Street medicine van",
                "A van and a nurse for Skid Row.",
                new BigDecimal("120000"),
                "grantee-a",
                Instant.now());
        long letterB = letters.submit(
                cycleId,
                declined,
                "New lobby",
                "Renovate the waiting room.",
                new BigDecimal("60000"),
                "grantee-b",
                Instant.now());
        assertThatThrownBy(() -> applications.start(cycleId, invited, "grantee-a", Instant.now()))
                .hasMessageContaining("still being reviewed");

        assertThatThrownBy(() -> letters.decide(letterB, false, " ", "grants-officer"))
                .hasMessageContaining("reason");
        letters.decide(letterB, false, "Capital renovation is outside this cycle's focus", "grants-officer");
        letters.decide(letterA, true, null, "grants-officer");
        assertThatThrownBy(() -> letters.decide(letterA, false, "changed my mind", "grants-officer"))
                .hasMessageContaining("already been invited");
        assertThat(audits("grant-loi", letterB, "letter of intent declined%outside this cycle's focus"))
                .isEqualTo(1);
        assertThat(audits("grant-loi", letterA, "letter of intent invited%")).isEqualTo(1);

        assertThatThrownBy(() -> applications.start(cycleId, declined, "grantee-b", Instant.now()))
                .hasMessageContaining("declined: Capital renovation is outside this cycle's focus");
        long app = applications.start(cycleId, invited, "grantee-a", Instant.now());
        var started = applications.find(app).orElseThrow();
        assertThat(started.title()).isEqualTo("Street medicine van");
        assertThat(started.requested()).isEqualByComparingTo("120000");

        // both decisions were told to the organizations' contacts through the outbox
        String emailA = organizations.find(invited).orElseThrow().contactEmail();
        assertThat(jdbc.sql("select subject from platform.outbox where module = 'grants' and recipient = ?")
                        .param(emailA)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .startsWith("Invitation to apply");
        String emailB = organizations.find(declined).orElseThrow().contactEmail();
        assertThat(jdbc.sql("select body from platform.outbox where module = 'grants' and recipient = ?")
                        .param(emailB)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("Reason: Capital renovation");
    }

    @Test
    void aLetterIsRefusedAfterItsDeadlineOrOutsideTheAwardRangeAndCannotBeChangedOnceDecided() {
        long cycleId = editor.saveCycle(null, GrantsTestCycles.openCycle(true), "grants-officer");
        var cycle = catalog.cycle(cycleId).orElseThrow();
        long org = organization();
        assertThatThrownBy(() -> letters.submit(
                        cycleId,
                        org,
                        "Late",
                        "Too late.",
                        new BigDecimal("50000"),
                        "g",
                        cycle.loiClosesAt().plusSeconds(1)))
                .hasMessageContaining("letter of intent deadline was");
        assertThatThrownBy(() ->
                        letters.submit(cycleId, org, "Big", "Too much.", new BigDecimal("500000"), "g", Instant.now()))
                .hasMessageContaining("between $25,000.00 and $150,000.00");
        long id = letters.submit(cycleId, org, "First", "Draft idea.", new BigDecimal("50000"), "g", Instant.now());
        assertThat(letters.submit(
                        cycleId, org, "Revised", "Better idea.", new BigDecimal("60000"), "g2", Instant.now()))
                .isEqualTo(id);
        assertThat(letters.find(id).orElseThrow().title()).isEqualTo("Revised");
        letters.decide(id, true, "Strong fit", "grants-officer");
        assertThat(letters.find(id).orElseThrow().status()).isEqualTo(Status.INVITED);
        assertThatThrownBy(() ->
                        letters.submit(cycleId, org, "Again", "Again.", new BigDecimal("60000"), "g", Instant.now()))
                .hasMessageContaining("already been decided");
    }

    @Test
    void aCycleWithoutALetterOfIntentStillTakesApplicationsDirectly() {
        long cycleId = editor.saveCycle(null, GrantsTestCycles.openCycle(false), "grants-officer");
        long org = organization();
        assertThat(applications.start(cycleId, org, "grantee", Instant.now())).isPositive();
        assertThatThrownBy(() -> letters.submit(cycleId, org, "x", "y", new BigDecimal("50000"), "g", Instant.now()))
                .hasMessageContaining("does not ask for a letter of intent");
    }
}
