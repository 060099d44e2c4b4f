package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Fuzzing (Jazzer) of the 837P/837I reader, which takes providers' and clearinghouses' bytes (#20, #21). Each input
 * gives claims and located rejects, or refuses the file with a {@link ClaimFileException} that says why; never an
 * unchecked exception or a hang. And every accepted claim must be storable as it is: a claim that passes the reader
 * but breaks the chunk's COPY (an amount too large for its column, two service lines with one number, a NUL in a
 * text) would take the other claims of its chunk down with it, which the issue forbids ("one bad claim never sinks
 * the file"). Seeds: the 837 fixtures of the quality tests.
 */
class Claim837FuzzTests {

    @FuzzTest(maxDuration = "2m")
    void claims(byte[] input) {
        List<ClaimRecord> accepted = new ArrayList<>();
        List<ClaimReject> rejected = new ArrayList<>();
        Claim837Parser.Envelope envelope;
        try {
            envelope = new Claim837Parser(accepted::add, rejected::add).parse(new ByteArrayInputStream(input));
        } catch (ClaimFileException e) {
            assertThat(e.getMessage()).as("a refused file says why").isNotBlank();
            assertThat(e.getMessage()).as("not a programming error in words").doesNotEndWith(": null");
            return;
        }
        assertThat(envelope).isNotNull();
        storable(envelope.senderId()); // quality.claim_file
        storable(envelope.controlNumber());
        storable(envelope.implementation());
        for (ClaimReject reject : rejected) {
            assertThat(reject.segmentNumber()).as("a reject is located").isPositive();
            assertThat(reject.loop()).isNotBlank();
            assertThat(reject.reason()).as("a reject says why").isNotBlank();
            storable(reject.reason());
            storable(reject.patientControlNumber());
        }
        for (ClaimRecord claim : accepted) {
            storable(claim);
        }
    }

    /** What the chunk's COPY into quality.claim and quality.service_line takes (V2026.12.05.901__claims.sql). */
    static void storable(ClaimRecord claim) {
        assertThat(claim.segmentNumber()).isPositive();
        assertThat(claim.patientControlNumber()).isNotBlank();
        assertThat(claim.form()).isIn('P', 'I');
        assertThat(claim.frequency()).isIn('1', '7', '8');
        fits(claim.totalCharge(), 12, 2);
        for (String text : List.of(
                claim.patientControlNumber(), claim.subscriberId(), claim.billingNpi(), String.valueOf(claim.form()))) {
            storable(text);
        }
        storable(claim.originalReference());
        storable(claim.renderingNpi());
        storable(claim.placeOfService());
        storable(claim.facilityType());
        claim.diagnoses().forEach(Claim837FuzzTests::storable);
        claim.icd10Procedures().forEach(Claim837FuzzTests::storable);
        var numbers = new HashSet<Integer>();
        for (var line : claim.lines()) {
            assertThat(numbers.add(line.lineNumber()))
                    .as("service line number %s once per claim (the table's key)", line.lineNumber())
                    .isTrue();
            fits(line.charge(), 12, 2);
            fits(line.units(), 10, 3);
            storable(line.procedureCode());
            storable(line.revenueCode());
            storable(line.placeOfService());
            storable(line.renderingNpi());
            line.modifiers().forEach(Claim837FuzzTests::storable);
        }
    }

    /** PostgreSQL text takes no NUL. */
    static void storable(String text) {
        if (text != null) assertThat(text).as("text for PostgreSQL").doesNotContain("\u0000");
    }

    /** numeric(precision, scale): at most precision − scale digits before the point (more decimals are rounded). */
    static void fits(BigDecimal amount, int precision, int scale) {
        if (amount == null) return;
        BigDecimal rounded = amount.setScale(scale, java.math.RoundingMode.HALF_UP);
        assertThat(rounded.precision() - rounded.scale())
                .as("%s fits numeric(%s, %s)", amount.toPlainString(), precision, scale)
                .isLessThanOrEqualTo(precision - scale);
    }
}
