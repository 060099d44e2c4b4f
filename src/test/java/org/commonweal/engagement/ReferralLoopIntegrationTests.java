package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The referral loop as far as this module goes: a promoter's referral to a center class publishes
 * {@link ClassReferralMade}; when another module answers with {@link ReferralOutcomeReported}, the referral shows it.
 * The field page's validation is tested here too.
 */
@IntegrationTest
@RecordApplicationEvents
class ReferralLoopIntegrationTests {

    static final RequestPostProcessor STAFF = user("engagement-staff").roles("ENGAGEMENT_STAFF");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCenterClassReferralIsPublishedAndItsOutcomeComesBack() throws Exception {
        long promoter = jdbc.sql("select id from engagement.promoter where username = 'engagement-staff'")
                .query(Long.class).single();
        mvc.perform(post("/engagement/field/contacts").with(STAFF).with(csrf())
                        .param("promoterId", String.valueOf(promoter)).param("personName", "Maria Lopez")
                        .param("memberId", "DEMO-M123456").param("phone", "(323) 555-0142").param("language", "es")
                        .param("referralKind", "CENTER_CLASS").param("referralTarget", "EAST-LA:HEALTHY-COOKING"))
                .andExpect(status().is3xxRedirection());
        ClassReferralMade made = events.stream(ClassReferralMade.class).reduce((a, b) -> b).orElseThrow();
        assertThat(made.classReference()).isEqualTo("EAST-LA:HEALTHY-COOKING");
        assertThat(made.memberId()).isEqualTo("DEMO-M123456");
        assertThat(made.promoterId()).isEqualTo(promoter);
        assertThat(outcome(made.referralId())).isEqualTo("SENT");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'engagement-referral'"
                + " and entity_id = ? and member_id = 'DEMO-M123456'").param(String.valueOf(made.referralId()))
                .query(Long.class).single()).isEqualTo(1);

        // what the centers module would do once it registers the person
        transactions.executeWithoutResult(tx -> publisher.publishEvent(new ReferralOutcomeReported(made.referralId(),
                "ACCEPTED", made.referredOn(), "registration-981")));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!outcome(made.referralId()).equals("ACCEPTED") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(outcome(made.referralId())).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select external_ref from engagement.referral where id = ?").param(made.referralId())
                .query(String.class).single()).isEqualTo("registration-981");
    }

    @Test
    void otherReferralsPublishNothingAndAReferralNeedsAName() throws Exception {
        long before = events.stream(ClassReferralMade.class).count();
        mvc.perform(post("/engagement/field/contacts").with(STAFF).with(csrf()).param("promoterId", "2")
                .param("personName", "Ana Ruiz").param("referralKind", "ENROLLMENT_HELP")
                .param("referralTarget", "Medi-Cal renewal")).andExpect(status().is3xxRedirection());
        var rejected = mvc.perform(post("/engagement/field/contacts").with(STAFF).with(csrf()).param("promoterId", "2")
                .param("tally", "4").param("referralKind", "CENTER_CLASS").param("referralTarget", "POMONA:ZUMBA"))
                .andReturn();
        assertThat(rejected.getFlashMap().get("contactProblems").toString()).contains("needs the person's name");
        assertThat(events.stream(ClassReferralMade.class).count()).isEqualTo(before);
    }

    @Test
    void fieldEventIsGeocodedAndBadInputNamesEachField() throws Exception {
        String today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).toString();
        var bad = mvc.perform(post("/engagement/field/events").with(STAFF).with(csrf()).param("promoterId", "3")
                .param("eventType", "WORKSHOP").param("heldOn", "2999-01-01").param("zip", "10001")
                .param("language", "es").param("topics", "astrology").param("members", "5").param("age0to17", "9"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("date: 2999-01-01 is in the future").contains("ZIP: 10001 is not in the service area")
                .contains("topics: &#39;astrology&#39; is not on the list").contains("do not add up");
        var good = mvc.perform(post("/engagement/field/events").with(STAFF).with(csrf()).param("promoterId", "3")
                .param("eventType", "HEALTH_FAIR").param("heldOn", today).param("placeName", "Lynwood Park")
                .param("zip", "90262").param("language", "es").param("topics", "diabetes", "nutrition")
                .param("members", "30").param("nonMembers", "12").param("age0to17", "10").param("age18to64", "25")
                .param("age65plus", "7")).andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(good.getResponse().getRedirectedUrl().replaceAll(".*event=", ""));
        var row = jdbc.sql("select spa, latitude is not null, topics::text from engagement.outreach_event where id = ?")
                .param(id).query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2), rs.getString(3)}).single();
        assertThat(row[0]).isEqualTo(6);
        assertThat(row[1]).isEqualTo(true);
        assertThat(row[2]).isEqualTo("{diabetes,nutrition}");
    }

    private String outcome(long referral) {
        return jdbc.sql("select outcome from engagement.referral where id = ?").param(referral).query(String.class)
                .single();
    }
}
