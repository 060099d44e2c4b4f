package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.x12.Ack999Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 837 files into the database: members linked through coverage, frequency codes applied, rejects stored. */
@IntegrationTest
class ClaimImportIntegrationTests {

    @Autowired
    ClaimImport claims;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    /** The two members the fixtures are sent for, and this test's claim number prefix. */
    private TwoMemberClaims sent;

    @BeforeEach
    void members() {
        sent = TwoMemberClaims.of(coverage);
    }

    private Path file(String fixture) throws IOException {
        return Files.writeString(dir.resolve(fixture), sent.fixture(fixture));
    }

    private String status(String pcn) {
        return jdbc.sql("select status from quality.claim where patient_control_number = ?")
                .param(sent.run() + pcn)
                .query(String.class)
                .single();
    }

    @Test
    void originalsThenReplacementAndVoidLeaveOnlyTheCurrentVersionCounting() throws IOException {
        var original = claims.importFile(file("837p-original.x12"), "test");
        assertThat(original.refused()).isFalse();
        assertThat(original.accepted()).isEqualTo(2);
        assertThat(original.serviceLines()).isEqualTo(3);
        assertThat(jdbc.sql("select member_id from quality.claim where patient_control_number = ?")
                        .param(sent.run() + "PCN-A-1001")
                        .query(String.class)
                        .single())
                .isEqualTo(sent.memberA());

        var changes = claims.importFile(file("837p-replace-void.x12"), "test");
        assertThat(changes.rejects()).isEmpty();
        assertThat(changes.replaced()).isEqualTo(1);
        assertThat(changes.voided()).isEqualTo(1);
        assertThat(status("PCN-A-1001")).isEqualTo("replaced");
        assertThat(status("PCN-A-1001R")).isEqualTo("current");
        assertThat(status("PCN-A-1002")).isEqualTo("voided");
        assertThat(status("PCN-A-1002V")).isEqualTo("void");
        assertThat(jdbc.sql("""
                select l.modifiers[1] from quality.service_line l join quality.claim c on c.id = l.claim_id
                where c.patient_control_number = ? and l.line_number = 2""")
                        .param(sent.run() + "PCN-A-1001R")
                        .query(String.class)
                        .single())
                .isEqualTo("26");

        // withdrawing the second file brings back the versions it had superseded
        assertThat(claims.withdraw(changes.fileId(), "test")).isEqualTo(2);
        assertThat(status("PCN-A-1001")).isEqualTo("current");
        assertThat(status("PCN-A-1002")).isEqualTo("current");
    }

    @Test
    void theSameFileTwiceIsRefusedTheSecondTime() throws IOException {
        var file = file("837i-original.x12");
        var first = claims.importFile(file, "test");
        assertThat(first.accepted()).isEqualTo(1);
        assertThat(jdbc.sql("select icd10_procedures[1] from quality.claim where id = (select max(id) "
                                + "from quality.claim where file_id = ?)")
                        .param(first.fileId())
                        .query(String.class)
                        .single())
                .isEqualTo("0DJ08ZZ");

        var second = claims.importFile(file, "test");
        assertThat(second.refused()).isTrue();
        assertThat(second.refusal()).contains("file " + first.fileId());
    }

    @Test
    void badClaimsAreRejectedWithTheirPlaceAndTheGoodClaimIsStored() throws IOException {
        var report = claims.importFile(file("837p-bad-claims.x12"), "test");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(status("GOOD-B-1")).isEqualTo("current");
        List<String> rejected =
                report.rejects().stream().map(ClaimReject::patientControlNumber).toList();
        assertThat(rejected)
                .containsExactlyInAnyOrder(
                        sent.run() + "BAD-FREQ",
                        sent.run() + "BAD-ICD9",
                        sent.run() + "BAD-DATE",
                        sent.run() + "NO-F8",
                        sent.run() + "UNKNOWN-ORIGINAL",
                        sent.run() + "UNKNOWN-MEMBER",
                        sent.run() + "BAD-NPI");
        assertThat(report.rejects())
                .filteredOn(r -> r.patientControlNumber().endsWith("UNKNOWN-MEMBER"))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("NOSUCHMEMBER1"));
        assertThat(report.rejects())
                .filteredOn(r -> r.patientControlNumber().endsWith("UNKNOWN-ORIGINAL"))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("not a current claim"));
        assertThat(jdbc.sql("select count(*) from quality.claim_reject where file_id = ?")
                        .param(report.fileId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);

        // the 999: valid 005010X231A1, one IK3 per rejected claim located in its set, the set accepted with errors
        var ack = claims.acknowledgment(report.fileId()).orElseThrow();
        Ack999Validator.assertValid(ack);
        var segments = List.of(ack.split("~\\s*"));
        assertThat(segments).filteredOn(x -> x.startsWith("IK3*")).hasSize(7);
        // BAD-FREQ's CLM is line 12 of the fixture (one segment a line), its ST line 3: position 10 in the set
        assertThat(segments).contains("IK3*CLM*10*2300*8", "AK2*837*0201*005010X222A1", "IK5*E*5");
        assertThat(segments).anyMatch(x -> x.startsWith("AK9*E*1*1*1"));
    }

    @Test
    void aCleanFileIsAcknowledgedAccepted() throws IOException {
        var report = claims.importFile(file("837i-original.x12"), "test");
        var ack = claims.acknowledgment(report.fileId()).orElseThrow();
        Ack999Validator.assertValid(ack);
        assertThat(ack)
                .contains("AK1*HC*")
                .contains("IK5*A")
                .contains("AK9*A*1*1*1")
                .doesNotContain("IK3");
    }

    @Autowired
    org.commonweal.network.NetworkDirectory directory;

    /** An NPI held once in {@code table} (valid check digit), so the entry it names is known. */
    private String uniqueNpi(String table, String where) {
        return jdbc
                .sql("select npi from " + table + " where npi is not null " + where
                        + " group by npi having count(*) = 1 order by npi limit 200")
                .query(String.class)
                .list()
                .stream()
                .filter(Npi::valid)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void npisAreLinkedToTheDirectoryAndAnUnknownOneIsKeptFlaggedAndCounted() throws IOException {
        String organization = uniqueNpi("network.organization", "and type_code not in ('ntwk', 'payer')");
        String practitioner = uniqueNpi("network.practitioner", "");
        String orgId = jdbc.sql("select id from network.organization where npi = ?")
                .param(organization)
                .query(String.class)
                .single();
        String practitionerId = jdbc.sql("select id from network.practitioner where npi = ?")
                .param(practitioner)
                .query(String.class)
                .single();
        // the fixture's billing NPI (1234567893) and rendering NPI (1003000126) are in no directory
        assertThat(directory.providersByNpi(List.of("1234567893", "1003000126")))
                .isEmpty();

        var linkedFile = dir.resolve("linked.x12");
        Files.writeString(
                linkedFile,
                Files.readString(file("837p-original.x12"))
                        .replace("1234567893", organization)
                        .replace("1003000126", practitioner));
        var linked = claims.importFile(linkedFile, "test");
        assertThat(linked.rejects()).isEmpty();
        assertThat(linked.npiUnlinked()).isZero();
        var row = jdbc.sql("select billing_npi, billing_provider, rendering_provider, npi_unlinked from quality.claim"
                        + " where patient_control_number = ?")
                .param(sent.run() + "PCN-A-1001")
                .query()
                .singleRow();
        assertThat(row.get("billing_npi")).isEqualTo(organization);
        assertThat(row.get("billing_provider")).isEqualTo("Organization/" + orgId);
        assertThat(row.get("rendering_provider")).isEqualTo("Practitioner/" + practitionerId);
        assertThat(row.get("npi_unlinked")).isEqualTo(false);

        // the same claims from a sender whose NPIs the directory does not hold: stored, flagged, counted
        sent = TwoMemberClaims.of(coverage);
        var unknown = claims.importFile(file("837p-original.x12"), "test");
        assertThat(unknown.accepted()).isEqualTo(2);
        assertThat(unknown.npiUnlinked()).isEqualTo(2);
        assertThat(unknown.summary()).contains("2 claims with an NPI not in the directory");
        var flagged = jdbc.sql("select billing_npi, billing_provider, npi_unlinked from quality.claim"
                        + " where patient_control_number = ?")
                .param(sent.run() + "PCN-A-1001")
                .query()
                .singleRow();
        assertThat(flagged.get("billing_npi")).isEqualTo("1234567893");
        assertThat(flagged.get("billing_provider")).isNull();
        assertThat(flagged.get("npi_unlinked")).isEqualTo(true);
    }
}
