package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.OutboxRetry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The move of the centers and grants outboxes into {@code platform.outbox}, on a database of its own in the tests'
 * server: migrated to just before the move, given messages in every state (pending ones half-retried, sent ones with
 * their log), then migrated to the end. Every message must be there with its state, the log rows must follow their
 * message, and a pending message must still go out.
 */
@IntegrationTest
class OutboxMigrationIntegrationTests {

    @Autowired
    EmbeddedPostgresServer.Lease lease;

    @Autowired
    ClusterJobs jobs;

    @Test
    void pendingAndSentNotificationsOfCentersAndGrantsSurviveTheMoveAndPendingOnesStillGoOut() throws Exception {
        String database = "outbox_move_" + Long.toString(System.nanoTime(), 36);
        JdbcClient admin = JdbcClient.create(dataSource("postgres"));
        admin.sql("create database " + database).update();
        try {
            var dataSource = dataSource(database);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            // the last migration before platform's outbox, whichever module's it is
            var outboxVersion = org.flywaydb.core.api.MigrationVersion.fromVersion("2026.12.05.71");
            var before = java.util.Arrays.stream(
                            flyway(dataSource).load().info().all())
                    .map(org.flywaydb.core.api.MigrationInfo::getVersion)
                    .filter(v -> v.compareTo(outboxVersion) < 0)
                    .max(Comparable::compareTo)
                    .orElseThrow();
            flyway(dataSource).target(before).load().migrate();

            jdbc.sql("""
                    insert into centers.notification (channel, recipient, template, locale, subject, body, status, adapter,
                      attempts, sent_at) values
                      ('email', 'sent@example.org', 'confirmed', 'en', 'You are registered', 'See you', 'sent', 'log', 1, now()),
                      ('sms', '(213) 555-0101', 'offered', 'es', 'Hay un lugar', 'Responda', 'pending', null, 2, null),
                      ('email', 'gone@example.org', 'reminder', 'en', 'Tomorrow', 'Class', 'failed', null, 5, null)""").update();
            jdbc.sql("""
                    insert into centers.notification_log (notification_id, channel, recipient, subject, body)
                    select id, channel, recipient, subject, body from centers.notification where status = 'sent'""").update();
            jdbc.sql("""
                    insert into grants.notification (recipient, template, subject, body, status, adapter, attempts, sent_at)
                    values ('grantee@example.org', 'reportDue', 'Report due', 'Interim', 'pending', null, 0, null),
                           ('done@example.org', 'loiInvited', 'Invited', 'Apply', 'sent', 'log', 1, now())""").update();
            jdbc.sql("""
                    insert into grants.notification_log (notification_id, recipient, subject, body)
                    select id, recipient, subject, body from grants.notification where status = 'sent'""").update();

            flyway(dataSource).load().migrate();

            assertThat(jdbc.sql("""
                    select module || ' ' || channel || ' ' || recipient || ' ' || template || ' ' || locale || ' ' || status
                           || ' ' || attempts from platform.outbox order by id""").query(String.class).list())
                    .containsExactly(
                            "centers email sent@example.org confirmed en sent 1",
                            "centers sms (213) 555-0101 offered es pending 2",
                            "centers email gone@example.org reminder en failed 5",
                            "grants email grantee@example.org reportDue en pending 0",
                            "grants email done@example.org loiInvited en sent 1");
            assertThat(jdbc.sql("""
                    select o.recipient || ' ' || l.subject from platform.outbox_log l join platform.outbox o on o.id = l.outbox_id
                    order by l.id""").query(String.class).list())
                    .containsExactly("sent@example.org You are registered", "done@example.org Invited");
            assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'notification'")
                            .query(Integer.class)
                            .single())
                    .as("the modules' copies are gone")
                    .isZero();
            long next = jdbc.sql("select nextval(pg_get_serial_sequence('platform.outbox', 'id'))")
                    .query(Long.class)
                    .single();
            assertThat(next).as("new messages get fresh ids").isGreaterThan(5);

            // the pending ones go out through the one dispatcher, with the real log adapter
            // the migrated SMS goes only to a phone that agreed to texts (#22)
            var consent = new JdbcSmsConsent(jdbc);
            consent.optIn("(213) 555-0101", "Text me", java.util.Locale.ENGLISH, "test");
            var outbox = new JdbcOutbox(
                    jdbc,
                    List.of(new LogOutboxAdapter(jdbc)),
                    jobs,
                    new DataSourceTransactionManager(dataSource),
                    new OutboxRetry(5, Duration.ofMinutes(1), Duration.ofHours(1)),
                    consent);
            assertThat(outbox.dispatch()).isEqualTo(2);
            assertThat(jdbc.sql(
                                    "select recipient || ' ' || attempts from platform.outbox where template in ('offered', 'reportDue') and status = 'sent' order by id")
                            .query(String.class)
                            .list())
                    .containsExactly("(213) 555-0101 3", "grantee@example.org 1");
        } finally {
            admin.sql("drop database if exists " + database + " with (force)").update();
        }
    }

    private SimpleDriverDataSource dataSource(String database) {
        return new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                "jdbc:postgresql://localhost:" + lease.port() + "/" + database,
                "postgres",
                "");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(javax.sql.DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .outOfOrder(true);
    }
}
