package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CoverageX12IntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @LocalServerPort
    int port;

    static String inquiry(int seAdjust, String... memberIds) {
        StringBuilder body = new StringBuilder();
        int segments = 0;
        String[] header = {
            "ST*270*0001*005010X279A1",
            "BHT*0022*13*REQ77*20261129*1200",
            "HL*1**20*1",
            "NM1*PR*2*L.A. CARE HEALTH PLAN*****PI*LACARE",
            "HL*2*1*21*1",
            "NM1*1P*2*EAST LA CLINIC*****XX*1234567893"
        };
        for (String s : header) {
            body.append(s).append("~\n");
            segments++;
        }
        int hl = 2;
        for (String subscriber : memberIds) {
            // "ID" alone asks with the name DOE PAT; "ID|LAST|FIRST|CCYYMMDD" with that name and birth date
            String[] p = (subscriber.contains("|") ? subscriber : subscriber + "|DOE|PAT|").split("\\|", -1);
            List<String> loop = new java.util.ArrayList<>(List.of(
                    "HL*" + (++hl) + "*2*22*0",
                    "TRN*1*TRACE" + hl + "*9EASTLA",
                    "NM1*IL*1*" + p[1] + "*" + p[2] + "****MI*" + p[0]));
            if (!p[3].isEmpty()) {
                loop.add("DMG*D8*" + p[3]);
            }
            loop.addAll(List.of("DTP*291*D8*20261129", "EQ*30"));
            for (String s : loop) {
                body.append(s).append("~\n");
                segments++;
            }
        }
        body.append("SE*").append(segments + 1 + seAdjust).append("*0001~\n");
        return "ISA*00*          *00*          *ZZ*EASTLACLINIC   *ZZ*LACARE         *261129*1200*^*00501*000000077*0*P*:~\n"
                + "GS*HS*EASTLACLINIC*LACARE*20261129*1200*77*X*005010X279A1~\n" + body
                + "GE*1*77~\nIEA*1*000000077~\n";
    }

    @Test
    void answersABatchOf270InquiriesWithA271() throws Exception {
        String token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        String response = mvc.perform(post("/x12/270")
                        .contentType("application/edi-x12")
                        .content(inquiry(0, "DEMO-MEMBER-1|PEÑA|MARÍA|19860412", "NO-SUCH-ID", "BAD ID!"))
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> segments = List.of(response.split("~\n"));
        assertThat(segments.get(0)).startsWith("ISA*00*").contains("*ZZ*LACARE         *ZZ*EASTLACLINIC   *");
        assertThat(segments.get(1)).startsWith("GS*HB*LACARE*EASTLACLINIC*").endsWith("*X*005010X279A1");
        assertThat(segments.get(2)).isEqualTo("ST*271*0001*005010X279A1");
        assertThat(segments)
                .containsSubsequence(
                        "HL*1**20*1",
                        "NM1*PR*2*L.A. CARE HEALTH PLAN*****PI*LACARE",
                        "HL*2*1*21*1",
                        "NM1*1P*2*EAST LA CLINIC*****XX*1234567893",
                        "HL*3*2*22*0",
                        "TRN*2*TRACE3*9EASTLA",
                        "NM1*IL*1*PENA*MARIA****MI*DEMO-MEMBER-1",
                        "DMG*D8*19860412*F");
        assertThat(segments).anyMatch(s -> s.startsWith("EB*1*IND*30*MC*Medi-Cal LA1"));
        assertThat(segments).containsSubsequence("LS*2120", "NM1*P3*1*Hernandez*Jorge****XX*1982736450", "LE*2120");
        assertThat(segments)
                .containsSubsequence(
                        "HL*4*2*22*0", "TRN*2*TRACE4*9EASTLA", "NM1*IL*1*DOE*PAT****MI*NO-SUCH-ID", "AAA*Y**75*C");
        assertThat(segments)
                .containsSubsequence(
                        "HL*5*2*22*0", "TRN*2*TRACE5*9EASTLA", "NM1*IL*1*DOE*PAT****MI*BAD ID!", "AAA*Y**72*C");
        String se =
                segments.stream().filter(s -> s.startsWith("SE*")).findFirst().orElseThrow();
        int st = segments.indexOf("ST*271*0001*005010X279A1");
        assertThat(se).isEqualTo("SE*" + (segments.indexOf(se) - st + 1) + "*0001");
        assertThat(segments.get(segments.size() - 1)).startsWith("IEA*1*");
    }

    @Test
    void answersABrokenEnvelopeWithA999AndNoTokenWith401() throws Exception {
        mvc.perform(post("/x12/270").content(inquiry(0, "DEMO-MEMBER-1"))).andExpect(status().isUnauthorized());
        String token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        String response = mvc.perform(
                        post("/x12/270").content(inquiry(3, "DEMO-MEMBER-1")).header("Authorization", token))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Ack999Validator.assertValid(response);
        assertThat(List.of(response.split("~\n")))
                .containsSubsequence("AK1*HS*77*005010X279A1", "AK2*270*0001*005010X279A1", "IK5*R*4", "AK9*R*1*1*0");
    }

    @Test
    void answersAn834PostedAsAn270WithA999RefusingTheGroup() throws Exception {
        String token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        String enrollment = new Sample834()
                .control("000000512")
                .member("021", "LA1", "90000001A", "LOPEZ", "ANA", "LA1", "20260101", null)
                .text();
        String response = mvc.perform(post("/x12/270").content(enrollment).header("Authorization", token))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Ack999Validator.assertValid(response);
        List<String> segments = List.of(response.split("~\n"));
        // mirrored envelope, AK1 echoes the received GS01/GS06/GS08, AK905 1: functional group not supported
        assertThat(segments.get(0)).contains("*ZZ*LACARE         *ZZ*CADHCS_5010_834*");
        assertThat(segments)
                .containsSubsequence("AK1*BE*101*005010X220A1", "AK9*R*1*1*0*1")
                .noneMatch(s -> s.startsWith("AK1*HS"));
    }

    @Test
    void ourControlNumbersComeFromTheSequenceAndNeverRepeat() throws Exception {
        String token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        java.util.Set<String> isa13 = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            String response = mvc.perform(post("/x12/270")
                            .content(inquiry(3, "DEMO-MEMBER-1"))
                            .header("Authorization", token))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            isa13.add(response.substring(90, 99));
        }
        assertThat(isa13).hasSize(3).allMatch(c -> c.matches("\\d{9}"));
    }
}
