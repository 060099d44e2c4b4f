package org.commonweal.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.commonweal.IntegrationTest;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditGroupCommitIntegrationTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void concurrentReadsOutsideATransactionAreAllCommittedWhenRecordReturns() throws Exception {
        String member = "GC-" + UUID.randomUUID();
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        audit.recordAs("reader-" + thread, AuditEntry.read("member", member, member, "test " + i));
                        // visible to any other connection as soon as record returns: committed, not just queued
                        assertThat(jdbc.sql(
                                                "select count(*) from audit.audit_event where member_id = ? and username = ?")
                                        .params(member, "reader-" + thread)
                                        .query(Integer.class)
                                        .single())
                                .isEqualTo(i + 1);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
        assertThat(count(member)).isEqualTo(400);
    }

    @Test
    void aBatchIsWrittenWholeWithOneRowPerEntry() {
        String member = "GB-" + UUID.randomUUID();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            entries.add(AuditEntry.read("eligibility", member + "-" + i, member, "batch"));
        }
        audit.recordAll(entries);
        assertThat(count(member)).isEqualTo(1234);
        assertThat(jdbc.sql("select count(distinct entity_id) from audit.audit_event where member_id = ?")
                        .param(member)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1234);
    }

    @Test
    void insideATransactionTheRecordRollsBackWithTheChangeItAudits() {
        String member = "GR-" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.recordAs("clerk", AuditEntry.read("member", member, member, "rolled back"));
            audit.recordAll(List.of(AuditEntry.read("member", member, member, "rolled back too")));
            // the same transaction sees its own rows before it ends
            assertThat(count(member)).isEqualTo(2);
            status.setRollbackOnly();
        });
        assertThat(count(member)).isZero();

        new TransactionTemplate(transactions)
                .executeWithoutResult(
                        status -> audit.recordAs("clerk", AuditEntry.read("member", member, member, "committed")));
        assertThat(count(member)).isEqualTo(1);
    }

    private int count(String member) {
        return jdbc.sql("select count(*) from audit.audit_event where member_id = ?")
                .param(member)
                .query(Integer.class)
                .single();
    }
}
