package org.commonweal.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AuditIntegrationTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditSeal seal;

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditRecords() {
        String member = "M-" + UUID.randomUUID();
        audit.recordAs("tester", AuditEntry.read("member", member, member, "test"));
        long id = jdbc.sql("select id from audit.audit_event where member_id = ?")
                .param(member)
                .query(Long.class)
                .single();

        assertThatThrownBy(() -> jdbc.sql("update audit.audit_event set purpose = 'tampered' where id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit.audit_event where id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit.audit_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select purpose from audit.audit_event where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("test");
    }

    @Test
    void adminFiltersByMemberAndExportsCsvAndTheReviewIsItselfAudited() throws Exception {
        String member = "M-" + UUID.randomUUID();
        audit.recordAs(
                "clerk",
                new AuditEntry(
                        AuditAction.UPDATE,
                        "member",
                        member,
                        member,
                        "address correction",
                        "address changed, with a comma"));
        audit.recordAs("clerk", AuditEntry.read("member", "someone-else", "someone-else", "call"));

        String page = mvc.perform(get("/admin/audit")
                        .param("member", member)
                        .with(user("admin").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("address correction").doesNotContain("someone-else");

        var csv = mvc.perform(get("/admin/audit.csv")
                        .param("member", member)
                        .param("entity", "member")
                        .with(user("admin").roles("ADMIN")))
                .andReturn()
                .getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        String[] lines = csv.getContentAsString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,occurred_at,username,roles,action,entity_type");
        assertThat(lines[1]).contains(",clerk,SYSTEM,UPDATE,member,", "\"address changed, with a comma\"");

        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where member_id = ? and action in ('SEARCH','EXPORT') and username = 'admin'")
                        .param(member)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aDailySealDetectsARowChangedBehindTheTriggersBack() {
        LocalDate day = LocalDate.now(ZoneId.of("America/Los_Angeles")).minusDays(400 + (long) (Math.random() * 1000));
        String member = "SEAL-" + UUID.randomUUID();
        jdbc.sql("alter table audit.audit_event disable trigger audit_event_no_update")
                .update();
        try {
            // a row dated on the sealed day (inserted with an explicit time, which the application never does)
            jdbc.sql(
                            "insert into audit.audit_event (occurred_at, username, action, entity_type, member_id, purpose) "
                                    + "values ((?::date + time '12:00') at time zone 'America/Los_Angeles', 'x', 'READ', 'member', ?, 'original')")
                    .params(day, member)
                    .update();
            // release the lock but keep its row: ShedLock remembers the rows it made and only updates them afterwards
            jdbc.sql("update platform.shedlock set lock_until = now() - interval '1 minute' where name = ?")
                    .param(AuditSeal.JOB)
                    .update();
            assertThat(seal.sealOnce(day)).isTrue();
            assertThat(seal.verify(day)).contains(true);

            jdbc.sql("update audit.audit_event set purpose = 'rewritten' where member_id = ?")
                    .param(member)
                    .update();
            assertThat(seal.verify(day)).contains(false);
        } finally {
            jdbc.sql("alter table audit.audit_event enable trigger audit_event_no_update")
                    .update();
        }
    }
}
