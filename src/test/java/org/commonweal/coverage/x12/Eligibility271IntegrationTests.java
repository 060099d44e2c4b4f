package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * 271 answers (005010X279A1, CAQH CORE search options) to the hand-written 270s under
 * {@code src/test/resources/coverage/x12/270}, all asking about the demo member DEMO-MEMBER-1 (María Peña, born
 * 1986-04-12, Medi-Cal LA1).
 */
@IntegrationTest
class Eligibility271IntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Autowired
    TradingPartners partners;

    @Autowired
    Eligibility270 eligibility270;

    private String token;

    @BeforeEach
    void token() throws Exception {
        token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
    }

    private List<String> answer(String fixture, ResultMatcher expected) throws Exception {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/coverage/x12/270/" + fixture)) {
            body = in.readAllBytes();
        }
        byte[] response = mvc.perform(post("/x12/270")
                        .contentType("application/edi-x12")
                        .content(body)
                        .header("Authorization", token))
                .andExpect(expected)
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        return List.of(new String(response, StandardCharsets.UTF_8).split("~\n"));
    }

    private static void assertAscii(List<String> segments) {
        assertThat(String.join("", segments).chars().allMatch(c -> c >= 32 && c < 127))
                .as("X12 basic/extended character set")
                .isTrue();
    }

    @Test
    void theStartUpWarmUpFindsNobodyRecordsNothingAndTakesNoControlNumber() {
        long audits = jdbc.sql("select count(*) from audit.audit_event")
                .query(Long.class)
                .single();
        long control = jdbc.sql("select last_value from coverage.x12_control")
                .query(Long.class)
                .single();
        List<String> out = List.of(eligibility270.warmUp(25).split("~\n"));
        assertThat(out).filteredOn(s -> s.startsWith("AAA*")).hasSize(25).allMatch(s -> s.equals("AAA*Y**75*C"));
        assertThat(out).noneMatch(s -> s.startsWith("EB*") || s.startsWith("DMG*"));
        assertThat(jdbc.sql("select count(*) from audit.audit_event")
                        .query(Long.class)
                        .single())
                .isEqualTo(audits);
        assertThat(jdbc.sql("select last_value from coverage.x12_control")
                        .query(Long.class)
                        .single())
                .isEqualTo(control);
    }

    @Test
    void memberIdWithLastNameAndBirthDateGetsTheBenefitsInTheExtendedCharacterSet() throws Exception {
        List<String> out = answer("01-member-id-last-name-birth-date.x12", status().isOk());
        assertThat(out)
                .containsSubsequence(
                        "HL*3*2*22*0",
                        "TRN*2*TRACE101*9EASTLA",
                        "NM1*IL*1*PENA*MARIA****MI*DEMO-MEMBER-1",
                        "DMG*D8*19860412*F");
        assertThat(out).anyMatch(s -> s.startsWith("EB*1*IND*30*MC*"));
        assertThat(out).noneMatch(s -> s.startsWith("INS*") || s.startsWith("AAA*"));
        assertAscii(out);
    }

    @Test
    void aMemberIdWhoseNameAndBirthDateDisagreeGetsAaa73And71AndNoDemographics() throws Exception {
        List<String> out = answer("02-member-id-with-another-name-and-birth-date.x12", status().isOk());
        assertThat(out)
                .containsSubsequence(
                        "HL*3*2*22*0",
                        "TRN*2*TRACE102*9EASTLA",
                        "NM1*IL*1*SMITH*JOHN****MI*DEMO-MEMBER-1",
                        "AAA*Y**73*C",
                        "AAA*Y**71*C",
                        "SE*12*0001");
        assertThat(out)
                .noneMatch(s -> s.startsWith("DMG*")
                        || s.startsWith("EB*")
                        || s.startsWith("NM1*P3")
                        || s.contains("PENA")
                        || s.contains("19860412"));
    }

    @Test
    void nameAndBirthDateWithoutMemberIdFindTheMemberAndSayTheIdentifyingDataChanged() throws Exception {
        List<String> out = answer("03-name-and-birth-date-without-member-id.x12", status().isOk());
        assertThat(out)
                .containsSubsequence("NM1*IL*1*PENA*MARIA****MI*DEMO-MEMBER-1", "DMG*D8*19860412*F", "INS*Y*18*001*25");
        assertThat(out).anyMatch(s -> s.startsWith("EB*1*IND*30*MC*"));
        assertAscii(out);
    }

    @Test
    void aMemberIdAloneIsNoSearchOption() throws Exception {
        List<String> out = answer("04-member-id-alone.x12", status().isOk());
        assertThat(out).containsSubsequence("NM1*IL*1******MI*DEMO-MEMBER-1", "AAA*Y**73*C");
        assertThat(out).noneMatch(s -> s.startsWith("EB*") || s.startsWith("DMG*"));
    }

    @Test
    void aDifferentFirstNameIsCorrectedWithIns25() throws Exception {
        List<String> out = answer("05-member-id-birth-date-first-name-differs.x12", status().isOk());
        assertThat(out)
                .containsSubsequence("NM1*IL*1*PENA*MARIA****MI*DEMO-MEMBER-1", "DMG*D8*19860412*F", "INS*Y*18*001*25");
    }

    @Test
    void anInvalidBirthDateGetsAaa58() throws Exception {
        List<String> out = answer("06-invalid-birth-date.x12", status().isOk());
        assertThat(out).containsSubsequence("NM1*IL*1*PENA*MARIA****MI*DEMO-MEMBER-1", "AAA*Y**58*C");
        assertThat(out).noneMatch(s -> s.startsWith("EB*"));
    }

    @Test
    void aPartnerWhoseProfileSaysUtf8GetsTheLettersAsTheyAre() throws Exception {
        jdbc.sql("""
                insert into coverage.trading_partner (name, isa_qualifier, isa_id, transaction_sets, character_set)
                values ('UTF-8 test clinic', 'ZZ', 'UTF8CLINIC', '{270}', 'utf-8')
                on conflict (isa_qualifier, isa_id) do nothing""").update();
        partners.changed();
        List<String> out = answer("07-utf8-partner.x12", status().isOk());
        assertThat(out).contains("NM1*IL*1*PEÑA*MARÍA****MI*DEMO-MEMBER-1");
    }

    @Test
    void aRegisteredPartnerWhoseProfileDoesNotListThe270GetsA999RefusingTheGroup() throws Exception {
        List<String> out = answer("08-partner-not-allowed-270.x12", status().isBadRequest());
        Ack999Validator.assertValid(String.join("~\n", out) + "~\n");
        assertThat(out).containsSubsequence("AK1*HS*108*005010X279A1", "AK9*R*1*1*0*1");
        assertThat(out.get(0)).contains("*ZZ*LACARE         *ZZ*CADHCS_5010_834*");
    }
}
