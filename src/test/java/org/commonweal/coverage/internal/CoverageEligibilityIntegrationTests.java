package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CoverageEligibilityIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Coverage coverage;

    @LocalServerPort
    int port;

    private String token() throws Exception {
        return ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
    }

    /** Audit rows naming the client (its client id) and the scope it used. */
    private int audits(String memberId, String clientId) {
        return jdbc.sql("""
                select count(*) from audit.audit_event
                where member_id = ? and username = ? and roles like '%scope:eligibility.read%'""").params(memberId, clientId).query(Integer.class).single();
    }

    private int logins(String clientId) {
        return jdbc.sql("select count(*) from audit.audit_event where username = ? and action = 'LOGIN'")
                .param(clientId)
                .query(Integer.class)
                .single();
    }

    @Test
    void theMachineApiSetsNoCookieAndIgnoresThePagesLanguageSwitch() throws Exception {
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .param("lang", "es")
                        .header("Authorization", token()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(header().exists("X-Request-Id"));
    }

    @Test
    void answersEligibilityByMemberIdOrCinAndAuditsTheClientsRead() throws Exception {
        var client = ApiTokens.keyClient(clients, port, ApiScope.ELIGIBILITY_READ);
        String token = "Bearer " + ApiTokens.accessToken(client.requestToken(ApiScope.ELIGIBILITY_READ.value()));
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        int before = audits("DEMO-MEMBER-1", client.clientId());
        int logins = logins(client.clientId());
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.date").value(today.toString()))
                .andExpect(jsonPath("$.productLine.code").value("MCLA"))
                .andExpect(jsonPath("$.productLine.name").value("Medi-Cal"))
                .andExpect(jsonPath("$.plan").value("LA1"))
                .andExpect(jsonPath("$.aidCodes[0]").value("1H"))
                .andExpect(jsonPath("$.spanEnd").doesNotExist())
                .andExpect(jsonPath("$.pcp.npi").value("1982736450"));
        assertThat(audits("DEMO-MEMBER-1", client.clientId())).isEqualTo(before + 1);
        // the token's use is not a login: one audit row per answer, no LOGIN row per request
        assertThat(logins(client.clientId())).isEqualTo(logins);

        // two years ago the member was in the earlier, closed span of another plan
        mvc.perform(get("/api/v1/eligibility")
                        .param("cin", "91234567A")
                        .param("date", today.minusYears(2).withDayOfYear(200).toString())
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plan").value("LA2"))
                .andExpect(jsonPath("$.status").value("active"));
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .param("date", "1990-01-01")
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("inactive"))
                .andExpect(jsonPath("$.plan").doesNotExist());
    }

    @Test
    void refusesWithoutTokenAndAnswersClearErrors() throws Exception {
        mvc.perform(get("/api/v1/eligibility").param("memberId", "DEMO-MEMBER-1"))
                .andExpect(status().isUnauthorized());
        String token = token();
        mvc.perform(get("/api/v1/eligibility").header("Authorization", token)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "NO-SUCH-MEMBER")
                        .header("Authorization", token))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .param("date", "2026-13-01")
                        .header("Authorization", token))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aBatchOfInquiriesIsAnsweredPositionByPositionAndEachMemberFoundIsAudited() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        String purpose = "batch test " + java.util.UUID.randomUUID();
        var answers = coverage.eligibility(
                java.util.List.of(
                        new EligibilityInquiry("DEMO-MEMBER-1", today),
                        new EligibilityInquiry("NO-SUCH-MEMBER", today),
                        new EligibilityInquiry("DEMO-MEMBER-1", LocalDate.of(1990, 1, 1)),
                        new EligibilityInquiry(
                                "DEMO-MEMBER-1", today.minusYears(2).withDayOfYear(200))),
                purpose);
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0)).hasValueSatisfying(e -> {
            assertThat(e.active()).isTrue();
            assertThat(e.span().planCode()).isEqualTo("LA1");
            assertThat(e.productLine().code()).isEqualTo("MCLA");
        });
        assertThat(answers.get(1)).isEmpty();
        assertThat(answers.get(2))
                .hasValueSatisfying(e -> assertThat(e.active()).isFalse());
        assertThat(answers.get(3))
                .hasValueSatisfying(e -> assertThat(e.span().planCode()).isEqualTo("LA2"));
        // the same as asking one by one
        assertThat(coverage.eligibility("DEMO-MEMBER-1", today, purpose))
                .contains(answers.get(0).orElseThrow());
        assertThat(jdbc.sql("select count(*) from audit.audit_event where purpose = ? and member_id = 'DEMO-MEMBER-1'")
                        .param(purpose)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where purpose = ? and member_id = 'NO-SUCH-MEMBER'")
                        .param(purpose)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void theOnePathAnswersByIdOrCinAndTakesTodayFromThePlansZoneWhenNoDateIsGiven() {
        String purpose = "one path " + java.util.UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        assertThat(coverage.today()).isEqualTo(today);
        var answers = coverage.eligibility(
                java.util.List.of(
                        new EligibilityInquiry("DEMO-MEMBER-1", null),
                        EligibilityInquiry.byCin("91234567A", null),
                        EligibilityInquiry.byCin("NO-SUCH-CIN", today),
                        EligibilityInquiry.byCin(
                                "91234567A", today.minusYears(2).withDayOfYear(200))),
                purpose);
        assertThat(answers.get(0)).hasValueSatisfying(e -> {
            assertThat(e.date()).isEqualTo(today);
            assertThat(e.span().planCode()).isEqualTo("LA1");
        });
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(2)).isEmpty();
        assertThat(answers.get(3))
                .hasValueSatisfying(e -> assertThat(e.span().planCode()).isEqualTo("LA2"));
        assertThat(coverage.eligibility("DEMO-MEMBER-1", null, purpose)).isEqualTo(answers.get(0));
        assertThat(jdbc.sql("select count(*) from audit.audit_event where purpose = ? and member_id = 'DEMO-MEMBER-1'")
                        .param(purpose)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void streamsActiveMembersWithTheirResidenceForAnalytics() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        long count = coverage.countActiveMembers(today);
        var seen = new java.util.ArrayList<MemberResidence>();
        coverage.forEachActiveMember(today, "test", seen::add);
        assertThat(seen).hasSize((int) count).hasSizeGreaterThan(2000);
        assertThat(seen)
                .filteredOn(r -> r.memberId().equals("DEMO-MEMBER-1"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.zip()).isEqualTo("90033");
                    assertThat(r.spa()).isEqualTo(4);
                    assertThat(r.productLine()).isEqualTo("MCLA");
                    assertThat(r.spokenLanguage()).isEqualTo("es");
                });
        assertThat(seen).allSatisfy(r -> assertThat(r.zip()).isNotNull());
        // optional self-reported race/ethnicity: most demo members have one, not all (834 files do not carry it)
        var demo = seen.stream().filter(r -> r.memberId().matches("LA\\d{9}")).toList();
        long reported = demo.stream().filter(r -> r.raceEthnicity() != null).count();
        assertThat(demo).hasSizeGreaterThan(2000);
        assertThat(reported).isBetween(demo.size() / 2L, demo.size() - 1L);
    }
}
