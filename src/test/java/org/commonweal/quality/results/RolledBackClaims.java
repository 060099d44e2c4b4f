package org.commonweal.quality.results;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims generated for a test in one transaction that is rolled back after (deleting them one by one checks each
 * against the unindexed {@code replaces_claim_id} reference: minutes); the tables' statistics are gathered again after,
 * so the next test plans on the table as it is.
 */
final class RolledBackClaims {

    private RolledBackClaims() {}

    static void run(TransactionTemplate transactions, JdbcClient jdbc, Runnable test) {
        try {
            transactions.executeWithoutResult(status -> {
                status.setRollbackOnly();
                test.run();
            });
        } finally {
            jdbc.sql("analyze quality.claim").update();
            jdbc.sql("analyze quality.service_line").update();
        }
    }

    /** A claim file of the test's own, named by a tag unique to the test. */
    static long file(JdbcClient jdbc, String name, String tag) {
        return jdbc.sql("""
                insert into quality.claim_file (file_name, sha256, received_by) values (?, ?, 'test')
                returning id""").params(name, tag).query(Long.class).single();
    }
}
