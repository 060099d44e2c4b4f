package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class GrantsReportRemindersIntegrationTests {

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    AwardDesk awards;

    @Autowired
    ReportingDesk reporting;

    @Autowired
    ExtensionDesk extensions;

    @Autowired
    ReportReminders reminders;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    private final LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));

    /** An award of a fresh organization with two contacts; its interim report is due in {@code days}. */
    private ReportingDesk.Requirement interimDueIn(int days, String[] emails) {
        var org =
                organizations.register(GrantsTestCycles.organization(), "test").organization();
        organizations.addContact(
                org.id(), "colleague" + org.id(), "Colleague", "colleague." + org.id() + "@example.org", "test");
        emails[0] = org.contactEmail();
        emails[1] = "colleague." + org.id() + "@example.org";
        long award = awards.create(
                new AwardDesk.NewAward(
                        null,
                        org.id(),
                        1,
                        null,
                        "Reminders",
                        new BigDecimal("50000"),
                        today,
                        today.minusMonths(6),
                        today.plusMonths(6),
                        null),
                "grants-officer");
        var interim = reporting.forAward(award).stream()
                .filter(r -> r.kind().equals("INTERIM"))
                .findFirst()
                .orElseThrow();
        jdbc.sql("update grants.report_requirement set due_on = ? where id = ?")
                .params(today.plusDays(days), interim.id())
                .update();
        return reporting.find(interim.id()).orElseThrow();
    }

    private List<String> subjectsTo(String recipient) {
        return jdbc.sql("select subject from platform.outbox where module = 'grants' and recipient = ? order by id")
                .param(recipient)
                .query(String.class)
                .list();
    }

    private int queue(LocalDate day) {
        return tx.execute(s -> reminders.queue(day));
    }

    @Test
    void remindsEveryContactOncePerThresholdAndReRunningSendsNothingNew() {
        String[] emails = new String[2];
        var interim = interimDueIn(5, emails);

        queue(today);
        assertThat(subjectsTo(emails[0]))
                .containsExactly("Report due " + inWords(interim.dueOn()) + ": interim report for award "
                        + awards.find(interim.awardId()).orElseThrow().awardNumber());
        assertThat(subjectsTo(emails[1])).hasSize(1);
        long queued = jdbc.sql("select count(*) from platform.outbox where module = 'grants'")
                .query(Long.class)
                .single();

        // the same day again: nothing new anywhere; the next day (still within the 7-day threshold): nothing new here
        assertThat(queue(today)).isZero();
        assertThat(jdbc.sql("select count(*) from platform.outbox where module = 'grants'")
                        .query(Long.class)
                        .single())
                .isEqualTo(queued);
        queue(today.plusDays(1));
        assertThat(subjectsTo(emails[0])).hasSize(1);
        assertThat(subjectsTo(emails[1])).hasSize(1);

        // the due date itself, then overdue: one more each
        queue(interim.dueOn());
        queue(interim.dueOn());
        queue(interim.dueOn().plusDays(1));
        queue(interim.dueOn().plusDays(9));
        assertThat(subjectsTo(emails[0])).hasSize(3).last().asString().startsWith("Overdue: interim report");
        assertThat(jdbc.sql(
                                "select threshold from grants.report_reminder where requirement_id = ? order by queued_at, threshold")
                        .param(interim.id())
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("D7", "D0", "OVERDUE");
    }

    @Test
    void theClusterJobDeliversThroughTheLogAdapterWhenNoMailProviderIsConfigured() {
        String[] emails = new String[2];
        interimDueIn(30, emails);
        boolean ran = reminders.run(today);
        if (ran) {
            assertThat(jdbc.sql("select count(*) from platform.job_run where job_name = 'grants-report-reminders'")
                            .query(Long.class)
                            .single())
                    .isPositive();
        } else {
            // another run of the job holds the lock (lockAtLeast a minute): queue and send as it would have
            queue(today);
        }
        // one run sends at most 500 messages; the demo portfolio's own reminders may come first
        while (outbox.dispatch() > 0) {
            // drain
        }
        // e-mail goes to the SMTP server (demo mode's embedded one in tests), else to the log adapter
        assertThat(jdbc.sql("""
                select subject from platform.outbox
                where recipient = ? and status = 'sent' and adapter in ('smtp', 'log')""").param(emails[1]).query(String.class).list())
                .singleElement()
                .asString()
                .startsWith("Report due");
        assertThat(jdbc.sql("select count(*) from platform.outbox where recipient = ?")
                        .param(emails[1])
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aGranteeAsksForMoreTimeStaffApproveTheDueDateMovesWithHistoryAndRemindersStartOver() {
        String[] emails = new String[2];
        var interim = interimDueIn(3, emails);
        queue(today);
        assertThat(subjectsTo(emails[0])).hasSize(1);

        assertThatThrownBy(() -> extensions.request(interim.id(), interim.dueOn(), "Staff out", "grantee"))
                .hasMessageContaining("later than the current due date");
        assertThatThrownBy(
                        () -> extensions.request(interim.id(), interim.dueOn().plusDays(30), " ", "grantee"))
                .hasMessageContaining("why");
        long first =
                extensions.request(interim.id(), interim.dueOn().plusDays(30), "Our data lead is on leave", "grantee");
        assertThatThrownBy(
                        () -> extensions.request(interim.id(), interim.dueOn().plusDays(40), "Also", "grantee"))
                .hasMessageContaining("already waiting");
        assertThatThrownBy(() -> extensions.decide(first, false, null, "grants-officer"))
                .hasMessageContaining("reason");
        extensions.decide(first, true, null, "grants-officer");
        assertThat(reporting.find(interim.id()).orElseThrow().effectiveDue())
                .isEqualTo(interim.dueOn().plusDays(30));
        assertThatThrownBy(() -> extensions.decide(first, true, null, "grants-officer"))
                .hasMessageContaining("already been approved");

        long second = extensions.request(interim.id(), interim.dueOn().plusDays(90), "Another delay", "grantee");
        extensions.decide(second, false, "Thirty days is the most we can give", "grants-officer");
        assertThat(reporting.find(interim.id()).orElseThrow().effectiveDue())
                .isEqualTo(interim.dueOn().plusDays(30));
        assertThat(extensions.forAward(interim.awardId()))
                .extracting(ExtensionDesk.Request::status)
                .containsExactlyInAnyOrder("APPROVED", "DENIED");
        assertThat(extensions.history(interim.awardId())).singleElement().satisfies(h -> {
            assertThat(h.oldDue()).isEqualTo(interim.dueOn());
            assertThat(h.newDue()).isEqualTo(interim.dueOn().plusDays(30));
            assertThat(h.reason()).contains("Our data lead is on leave");
            assertThat(h.changedBy()).isEqualTo("grants-officer");
        });
        long audited = jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = 'grant-award' and entity_id = ? and action = 'DECISION' and detail like '%exten%'")
                .param(String.valueOf(interim.awardId()))
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(4); // two requests, one approval (the move), one denial

        // the new due date is 33 days away: the 30-day reminder comes when it is due, for the new date
        assertThat(queue(today)).isZero();
        queue(today.plusDays(3));
        assertThat(subjectsTo(emails[0]))
                .hasSize(2)
                .last()
                .asString()
                .contains(inWords(interim.dueOn().plusDays(30)));
    }

    /** Dates in messages are words in the reader's language ("Dec 10, 2026"), never ISO (#19). */
    private static String inWords(LocalDate day) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(Locale.ENGLISH)
                .format(day);
    }
}
