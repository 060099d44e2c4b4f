package org.commonweal.quality.claims;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports 837P/837I files: each claim is linked to its member through coverage's facade, its frequency code applied
 * (a replacement supersedes the version it names, a void withdraws it) and stored with its lines; a claim that
 * cannot be applied is rejected with its place in the file and the reason, and the rest of the file goes on. A file
 * already imported (same SHA-256) is refused. The file is one transaction: a crash leaves nothing half-stored, and
 * the same file can be sent again.
 */
@Service
public class ClaimImport {

    static final String PURPOSE = "quality: link claims to members";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Coverage coverage;
    private final AuditTrail audit;

    ClaimImport(JdbcClient jdbc, TransactionTemplate transactions, Coverage coverage, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.coverage = coverage;
        this.audit = audit;
    }

    public ClaimImportReport importFile(Path file, String receivedBy) throws IOException {
        var sha256 = sha256(file);
        var name = file.getFileName().toString();
        var earlier = jdbc.sql("select id from quality.claim_file where sha256 = ?").param(sha256)
                .query(Long.class).optional();
        if (earlier.isPresent()) {
            return refused(name, "the same file was imported already as file " + earlier.get());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return transactions.execute(status -> {
                try {
                    return store(in, name, sha256, receivedBy);
                } catch (ClaimFileException e) {
                    status.setRollbackOnly();
                    return refused(name, e.getMessage());
                }
            });
        }
    }

    private ClaimImportReport store(InputStream in, String name, String sha256, String receivedBy) {
        long fileId = jdbc.sql("insert into quality.claim_file (file_name, sha256, received_by) values (?, ?, ?) "
                + "returning id").params(name, sha256, receivedBy).query(Long.class).single();
        var applier = new Applier(fileId);
        var envelope = new Claim837Parser(applier::apply, applier::reject).parse(in);
        jdbc.sql("""
                update quality.claim_file set sender_id = ?, control_number = ?, implementation = ?,
                    claims_accepted = ?, claims_rejected = ?, service_lines = ? where id = ?""")
                .params(envelope.senderId(), envelope.controlNumber(), envelope.implementation(), applier.accepted,
                        applier.rejects.size(), applier.lines, fileId)
                .update();
        audit.record(AuditEntry.change(AuditAction.IMPORT, "claim-file", Long.toString(fileId), null, PURPOSE,
                name + ": " + applier.accepted + " claims, " + applier.rejects.size() + " rejected"));
        return new ClaimImportReport(fileId, name, applier.accepted, applier.replaced, applier.voided, applier.lines,
                List.copyOf(applier.rejects), null);
    }

    /** Applies one file's claims in order, remembering the members already looked up in this file. */
    private final class Applier {

        private final long fileId;
        private final Map<String, Optional<String>> members = new HashMap<>();
        private final List<ClaimReject> rejects = new ArrayList<>();
        private int accepted;
        private int replaced;
        private int voided;
        private int lines;

        Applier(long fileId) {
            this.fileId = fileId;
        }

        void reject(ClaimReject reject) {
            rejects.add(reject);
            jdbc.sql("""
                    insert into quality.claim_reject (file_id, segment_number, segment_tag, loop_id,
                        patient_control_number, reason) values (?, ?, ?, ?, ?, ?)""")
                    .params(fileId, reject.segmentNumber(), reject.segmentTag(), reject.loop(),
                            reject.patientControlNumber(), reject.reason())
                    .update();
        }

        void apply(ClaimRecord claim) {
            var member = members.computeIfAbsent(claim.subscriberId(), this::member);
            if (member.isEmpty()) {
                reject(claim, "2010BA", "member " + claim.subscriberId() + " is not a member of the plan "
                        + "(neither a member id nor a CIN)");
                return;
            }
            Long replaces = null;
            if (claim.frequency() != '1') {
                var original = current(claim.billingNpi(), claim.originalReference());
                if (original.isEmpty()) {
                    reject(claim, "2300", (claim.frequency() == '7' ? "replacement" : "void") + " names claim "
                            + claim.originalReference() + " (REF*F8), which is not a current claim of billing NPI "
                            + claim.billingNpi());
                    return;
                }
                replaces = original.get();
                jdbc.sql("update quality.claim set status = ? where id = ?")
                        .params(claim.frequency() == '7' ? "replaced" : "voided", replaces).update();
            } else if (current(claim.billingNpi(), claim.patientControlNumber()).isPresent()) {
                reject(claim, "2300", "claim " + claim.patientControlNumber() + " of billing NPI " + claim.billingNpi()
                        + " was received already: send frequency 7 to replace it or 8 to void it");
                return;
            }
            insert(claim, member.get(), replaces);
            accepted++;
            if (claim.frequency() == '7') replaced++;
            if (claim.frequency() == '8') voided++;
        }

        private void reject(ClaimRecord claim, String loop, String reason) {
            reject(new ClaimReject(claim.segmentNumber(), "CLM", loop, claim.patientControlNumber(), reason));
        }

        private Optional<String> member(String id) {
            return coverage.findMember(id, PURPOSE).or(() -> coverage.findMemberByCin(id, PURPOSE))
                    .map(MemberSummary::memberId);
        }

        /** The current claim a sender names by our claim number or by its own patient control number. */
        private Optional<Long> current(String billingNpi, String reference) {
            return jdbc.sql("""
                    select id from quality.claim where status = 'current'
                      and (claim_number = :ref or (billing_npi = :npi and patient_control_number = :ref))
                    order by id desc limit 1""")
                    .param("ref", reference).param("npi", billingNpi).query(Long.class).optional();
        }

        private void insert(ClaimRecord c, String memberId, Long replaces) {
            long id = jdbc.sql("""
                    insert into quality.claim (file_id, segment_number, patient_control_number, form,
                        frequency_code, original_reference, replaces_claim_id, status, member_id, billing_npi,
                        rendering_npi, place_of_service, facility_type, statement_from, statement_to, total_charge,
                        diagnoses, icd10_procedures)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(fileId, c.segmentNumber(), c.patientControlNumber(), String.valueOf(c.form()),
                            String.valueOf(c.frequency()), c.originalReference(), replaces,
                            c.frequency() == '8' ? "void" : "current", memberId, c.billingNpi(), c.renderingNpi(),
                            c.placeOfService(), c.facilityType(), c.statementFrom(), c.statementTo(),
                            c.totalCharge(), c.diagnoses().toArray(String[]::new),
                            c.icd10Procedures().toArray(String[]::new))
                    .query(Long.class).single();
            for (var line : c.lines()) {
                jdbc.sql("""
                        insert into quality.service_line (claim_id, line_number, service_from, service_to,
                            procedure_code, modifiers, revenue_code, units, charge, place_of_service, rendering_npi)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, line.lineNumber(), line.from(), line.to(), line.procedureCode(),
                                line.modifiers().toArray(String[]::new), line.revenueCode(), line.units(),
                                line.charge(), line.placeOfService(), line.renderingNpi())
                        .update();
                lines++;
            }
        }
    }

    /**
     * Withdraws a whole file: its claims are removed and the versions its replacements and voids had superseded
     * count again. The file's row stays, marked withdrawn, so the same file is not taken again by mistake.
     */
    public int withdraw(long fileId, String by) {
        return transactions.execute(status -> {
            jdbc.sql("""
                    update quality.claim set status = 'current' where id in (
                      select replaces_claim_id from quality.claim where file_id = ? and replaces_claim_id is not null)""")
                    .param(fileId).update();
            int removed = jdbc.sql("delete from quality.claim where file_id = ?").param(fileId).update();
            jdbc.sql("update quality.claim_file set status = 'withdrawn' where id = ?").param(fileId).update();
            audit.record(AuditEntry.change(AuditAction.DELETE, "claim-file", Long.toString(fileId), null,
                    "quality: withdraw a claim file", removed + " claims withdrawn by " + by));
            return removed;
        });
    }

    private ClaimImportReport refused(String name, String reason) {
        return new ClaimImportReport(0, name, 0, 0, 0, 0, List.of(), reason);
    }

    private static String sha256(Path file) throws IOException {
        try (var in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
