package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 837 reader on hand-written files shaped like the implementation guides' examples (X222A1 3.1, X223A3 3.1). */
class Claim837ParserTests {

    static String fixture(String name) throws IOException {
        try (var in = Claim837ParserTests.class.getResourceAsStream("/quality/claims/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("{MEMBER_A}", "M000000001")
                    .replace("{MEMBER_B}", "M000000002");
        }
    }

    private final List<ClaimRecord> claims = new ArrayList<>();
    private final List<ClaimReject> rejects = new ArrayList<>();

    private Claim837Parser.Envelope parse(String text) {
        return new Claim837Parser(claims::add, rejects::add)
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsProfessionalClaimsWithTheirLinesDiagnosesAndProviders() throws IOException {
        var envelope = parse(fixture("837p-original.x12"));

        assertThat(envelope.senderId()).isEqualTo("CLINIC0001");
        assertThat(envelope.controlNumber()).isEqualTo("000000101");
        assertThat(rejects).isEmpty();
        assertThat(claims).hasSize(2);
        var first = claims.get(0);
        assertThat(first.patientControlNumber()).isEqualTo("PCN-A-1001");
        assertThat(first.form()).isEqualTo('P');
        assertThat(first.frequency()).isEqualTo('1');
        assertThat(first.subscriberId()).isEqualTo("M000000001");
        assertThat(first.billingNpi()).isEqualTo("1234567893");
        assertThat(first.renderingNpi()).isEqualTo("1003000126");
        assertThat(first.placeOfService()).isEqualTo("11");
        assertThat(first.diagnoses()).containsExactly("Z1231", "E119");
        assertThat(first.totalCharge()).isEqualByComparingTo("100");
        assertThat(first.lines()).hasSize(2);
        var visit = first.lines().get(0);
        assertThat(visit.procedureCode()).isEqualTo("99213");
        assertThat(visit.modifiers()).containsExactly("25");
        assertThat(visit.from()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(visit.charge()).isEqualByComparingTo(new BigDecimal("40"));
        assertThat(first.lines().get(1).procedureCode()).isEqualTo("77067");
        assertThat(claims.get(1).lines())
                .singleElement()
                .extracting(ClaimRecord.ServiceLine::procedureCode)
                .isEqualTo("83036");
    }

    @Test
    void readsInstitutionalClaimsWithRevenueCodesStatementDatesAndPcsProcedures() throws IOException {
        parse(fixture("837i-original.x12"));

        assertThat(rejects).isEmpty();
        var claim = claims.getFirst();
        assertThat(claim.form()).isEqualTo('I');
        assertThat(claim.facilityType()).isEqualTo("13");
        assertThat(claim.statementFrom()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(claim.diagnoses()).containsExactly("I10");
        assertThat(claim.icd10Procedures()).containsExactly("0DJ08ZZ");
        assertThat(claim.lines())
                .extracting(ClaimRecord.ServiceLine::revenueCode)
                .containsExactly("0450", "0300");
        assertThat(claim.lines())
                .extracting(ClaimRecord.ServiceLine::procedureCode)
                .containsExactly("99283", "80053");
    }

    @Test
    void replacementsAndVoidsCarryTheirFrequencyAndTheClaimTheyName() throws IOException {
        parse(fixture("837p-replace-void.x12"));

        assertThat(claims).extracting(ClaimRecord::frequency).containsExactly('7', '8');
        assertThat(claims).extracting(ClaimRecord::originalReference).containsExactly("PCN-A-1001", "PCN-A-1002");
    }

    @Test
    void eachBadClaimIsRejectedAtItsSegmentAndTheGoodOnesStillCome() throws IOException {
        parse(fixture("837p-bad-claims.x12"));

        // the parser checks the file alone; unknown members and originals are the importer's (they need the plan)
        assertThat(claims)
                .extracting(ClaimRecord::patientControlNumber)
                .containsExactly("UNKNOWN-ORIGINAL", "GOOD-B-1", "UNKNOWN-MEMBER");
        assertThat(rejects)
                .extracting(ClaimReject::patientControlNumber)
                .containsExactly("BAD-FREQ", "BAD-ICD9", "BAD-DATE", "NO-F8", "BAD-NPI");
        assertThat(rejects.get(0)).satisfies(r -> {
            assertThat(r.segmentNumber()).isEqualTo(12);
            assertThat(r.segmentTag()).isEqualTo("CLM");
            assertThat(r.reason()).contains("frequency code '5'");
        });
        assertThat(rejects.get(1)).satisfies(r -> {
            assertThat(r.segmentTag()).isEqualTo("HI");
            assertThat(r.reason()).contains("ICD-9");
        });
        assertThat(rejects.get(2)).satisfies(r -> {
            assertThat(r.segmentNumber()).isEqualTo(26);
            assertThat(r.loop()).isEqualTo("2400");
            assertThat(r.reason()).contains("line 1").contains("20261345");
        });
        assertThat(rejects.get(3).reason()).contains("REF*F8");
        assertThat(rejects.get(4)).satisfies(r -> {
            assertThat(r.loop()).isEqualTo("2010AA");
            assertThat(r.reason()).contains("1234567890").contains("check digit");
        });
    }

    @Test
    void refusesWhatIsNotAnX12ClaimFile() {
        assertThatThrownBy(() -> parse("hello")).isInstanceOf(ClaimFileException.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(ClaimFileException.class);
    }

    @Test
    void npiCheckDigitFollowsTheLuhnRuleWithPrefix80840() {
        assertThat(Npi.valid("1234567893")).isTrue();
        assertThat(Npi.valid("1003000126")).isTrue();
        assertThat(Npi.valid("1234567890")).isFalse();
        assertThat(Npi.valid("123456789")).isFalse();
        assertThat(Npi.valid(null)).isFalse();
    }

    /**
     * Found by fuzzing: a claim with two service lines numbered alike, or an amount no claim table can hold, passed the
     * reader and then broke its chunk's COPY, taking the other claims of the chunk down with it. Such a claim is now
     * rejected where it is, and the others stay.
     */
    @Test
    void aClaimTheTablesCannotHoldIsRejectedAndTheOthersKept() throws IOException {
        var twoLinesOne = fixture("837p-original.x12").replace("LX*2~", "LX*1~");
        parse(twoLinesOne);
        assertThat(claims).extracting(ClaimRecord::patientControlNumber).containsExactly("PCN-A-1002");
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.patientControlNumber()).isEqualTo("PCN-A-1001");
            assertThat(r.segmentTag()).isEqualTo("LX");
            assertThat(r.reason()).contains("LX01 repeats");
        });

        for (var charge : List.of("12345678901", "1E3", "+100", "1e-2", "--1", "100.00.0")) {
            claims.clear();
            rejects.clear();
            parse(fixture("837p-original.x12").replace("CLM*PCN-A-1001*100*", "CLM*PCN-A-1001*" + charge + "*"));
            assertThat(claims)
                    .as("CLM02 " + charge)
                    .extracting(ClaimRecord::patientControlNumber)
                    .containsExactly("PCN-A-1002");
            assertThat(rejects)
                    .singleElement()
                    .extracting(ClaimReject::reason)
                    .asString()
                    .contains("CLM02");
        }

        claims.clear();
        rejects.clear();
        parse(fixture("837p-original.x12").replace("SV1*HC:83036*45*UN*1*", "SV1*HC:83036*45*UN*99999999*"));
        assertThat(claims).extracting(ClaimRecord::patientControlNumber).containsExactly("PCN-A-1001");
        assertThat(rejects)
                .singleElement()
                .extracting(ClaimReject::reason)
                .asString()
                .contains("units");

        assertThat(Claim837Parser.amount("9999999999.99", Claim837Parser.CHARGE_DIGITS))
                .isEqualByComparingTo("9999999999.99");
        assertThat(Claim837Parser.amount("-12.5", Claim837Parser.CHARGE_DIGITS)).isEqualByComparingTo("-12.5");
        assertThat(Claim837Parser.amount(".5", Claim837Parser.UNIT_DIGITS)).isEqualByComparingTo("0.5");
    }

    /**
     * The hand-written checks that replaced a regex and a split per value (issue #21, the reader's speed) against the
     * regex they replaced (X12's type R) and {@code String.split}, on boundary inputs.
     */
    @Test
    void theDecimalCheckAndComponentsAgreeWithTheRegexAndSplitTheyReplaced() {
        var decimal = java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
        for (String text : List.of(
                "0",
                "5",
                "5.",
                ".5",
                "-5",
                "-.5",
                "-5.",
                "-",
                ".",
                "-.",
                "",
                "1.2.3",
                "--1",
                "1-",
                "+1",
                "1E3",
                " 1",
                "1 ",
                "12345678901.25",
                "0.000",
                "٣",
                "1,5",
                "00012.50")) {
            assertThat(Claim837Parser.decimal(text))
                    .as(text)
                    .isEqualTo(decimal.matcher(text).matches());
        }
        char c = X12Segments.Segment.COMPONENT;
        for (String element :
                List.of("HC" + c + "99213" + c + "25", "99213", "", c + "", "A" + c, c + "B", "A" + c + c + "C")) {
            var segment = new X12Segments.Segment("SV1", 1, List.of(element));
            var split = element.split(String.valueOf(c), -1);
            assertThat(segment.components(1)).as(element).containsExactly(split);
            for (int n = 1; n <= split.length + 1; n++) {
                assertThat(segment.component(1, n)).isEqualTo(n <= split.length ? split[n - 1] : "");
            }
        }
    }
}
