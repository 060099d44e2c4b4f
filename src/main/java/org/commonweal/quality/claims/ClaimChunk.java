package org.commonweal.quality.claims;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.network.NetworkDirectory.DirectoryProvider;
import org.commonweal.platform.CopyBinary;

/**
 * One chunk of an 837 file (a few thousand claims, accepted or rejected by the reader, in file order), applied in the
 * caller's transaction with a handful of statements whatever its size: the members it names looked up together
 * through coverage's eligibility path (one query, one audit row per member found), the claims its replacements and
 * voids name (and the originals it might repeat) found with one set-based query, then claims, service lines and
 * rejects written with COPY and the superseded versions updated with one statement. Within the chunk the claims are
 * applied in file order, exactly as one claim at a time would: a replacement may name an original a few claims
 * earlier in the same chunk.
 */
final class ClaimChunk {

    /** Claims, service lines, replacements, voids and rejects the chunk stored. */
    record Counts(
            int accepted,
            int replaced,
            int voided,
            int lines,
            int rejected,
            int npiUnlinked,
            long membersNanos,
            long referencesNanos,
            long writeNanos) {}

    private static final String FIND_CURRENT = """
            select k.i, c.id from unnest(?::text[], ?::text[]) with ordinality k(npi, ref, i)
            cross join lateral (
              select id from quality.claim where claim_number = k.ref and status = 'current'
              union
              select id from quality.claim where billing_npi = k.npi and patient_control_number = k.ref
                and status = 'current') c""";

    private static final String COPY_CLAIMS = """
            quality.claim (id, file_id, segment_number, patient_control_number, form, frequency_code,
                original_reference, replaces_claim_id, status, member_id, billing_npi, rendering_npi,
                place_of_service, facility_type, statement_from, statement_to, total_charge, diagnoses,
                icd10_procedures, billing_provider, rendering_provider, npi_unlinked)""";
    private static final String COPY_LINES = """
            quality.service_line (claim_id, member_id, line_number, service_from, service_to, procedure_code, modifiers,
                revenue_code, units, charge, place_of_service, rendering_npi, rendering_provider)""";
    private static final String COPY_REJECTS =
            "quality.claim_reject (file_id, segment_number, segment_tag, loop_id, patient_control_number, reason)";

    private static final java.util.regex.Pattern CLAIM_NUMBER = java.util.regex.Pattern.compile("CW\\d{10}");

    private final List<Object> events;
    private final long fileId;
    private final Map<String, String> members;
    private final Coverage coverage;
    private final Map<String, DirectoryProvider> providers;
    private final NetworkDirectory directory;

    private final List<ClaimReject> rejects = new ArrayList<>();
    private int accepted;
    private int replaced;
    private int voided;
    private int lines;
    private int npiUnlinked;

    /**
     * @param events  {@link ClaimRecord}s and {@link ClaimReject}s in file order
     * @param members subscriber id to plan member id ("" when not a member) across the file's chunks
     * @param providers NPI to its directory entry across the file's chunks ({@link #UNLINKED} when not held)
     */
    ClaimChunk(
            List<Object> events,
            long fileId,
            Map<String, String> members,
            Coverage coverage,
            Map<String, DirectoryProvider> providers,
            NetworkDirectory directory) {
        this.events = events;
        this.fileId = fileId;
        this.members = members;
        this.coverage = coverage;
        this.providers = providers;
        this.directory = directory;
    }

    /** The cache's mark for an NPI the directory does not hold. */
    static final DirectoryProvider UNLINKED = new DirectoryProvider("", "", "", "");

    Counts apply(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        lookUpMembers();
        lookUpProviders();
        long t1 = System.nanoTime();
        var claims = new ArrayList<ClaimRecord>();
        for (Object e : events) {
            if (e instanceof ClaimRecord claim) claims.add(claim);
        }
        var existing = current(c, claims);
        long[] ids = ids(c, claims.size());
        long t2 = System.nanoTime();

        // apply in file order against what the database held before the chunk plus what the chunk did so far
        var stored = new ArrayList<Stored>();
        var storedById = new HashMap<Long, Stored>();
        var currentByKey = new HashMap<String, Long>(); // billing NPI | PCN -> current claim of this chunk
        var superseded = new HashMap<Long, String>(); // claims of earlier files -> 'replaced' / 'voided'
        int k = 0;
        int next = 0;
        for (Object e : events) {
            if (e instanceof ClaimReject reject) {
                rejects.add(reject);
                continue;
            }
            var claim = (ClaimRecord) e;
            var dbCandidates = existing.get(k++);
            var memberId = members.get(claim.subscriberId());
            if (memberId == null || memberId.isEmpty()) {
                reject(
                        claim,
                        "2010BA",
                        "member " + claim.subscriberId() + " is not a member of the plan "
                                + "(neither a member id nor a CIN)");
                continue;
            }
            var reference = claim.frequency() == '1' ? claim.patientControlNumber() : claim.originalReference();
            Long found = inChunk(claim.billingNpi(), reference, currentByKey, storedById);
            if (found == null) {
                for (long id : dbCandidates) {
                    if (!superseded.containsKey(id)) {
                        found = id;
                        break;
                    }
                }
            }
            Long replaces = null;
            if (claim.frequency() != '1') {
                if (found == null) {
                    reject(
                            claim,
                            "2300",
                            (claim.frequency() == '7' ? "replacement" : "void") + " names claim "
                                    + claim.originalReference()
                                    + " (REF*F8), which is not a current claim of billing NPI "
                                    + claim.billingNpi());
                    continue;
                }
                replaces = found;
                var status = claim.frequency() == '7' ? "replaced" : "voided";
                var inThisChunk = storedById.get(found);
                if (inThisChunk != null) {
                    inThisChunk.status = status;
                    currentByKey.remove(key(inThisChunk.claim.billingNpi(), inThisChunk.claim.patientControlNumber()));
                } else {
                    superseded.put(found, status);
                }
            } else if (found != null) {
                reject(
                        claim,
                        "2300",
                        "claim " + claim.patientControlNumber() + " of billing NPI " + claim.billingNpi()
                                + " was received already: send frequency 7 to replace it or 8 to void it");
                continue;
            }
            var row = new Stored(ids[next++], claim, memberId, replaces, claim.frequency() == '8' ? "void" : "current");
            stored.add(row);
            storedById.put(row.id, row);
            if (row.status.equals("current"))
                currentByKey.put(key(claim.billingNpi(), claim.patientControlNumber()), row.id);
            accepted++;
            if (claim.frequency() == '7') replaced++;
            if (claim.frequency() == '8') voided++;
        }
        write(c, stored, superseded);
        return new Counts(
                accepted,
                replaced,
                voided,
                lines,
                rejects.size(),
                npiUnlinked,
                t1 - t0,
                t2 - t1,
                System.nanoTime() - t2);
    }

    List<ClaimReject> rejects() {
        return rejects;
    }

    /** The current claim of this chunk a reference names: by our claim number, or by the sender's PCN. */
    private static Long inChunk(
            String npi, String reference, Map<String, Long> currentByKey, Map<Long, Stored> storedById) {
        Long byPcn = currentByKey.get(key(npi, reference));
        Long byNumber = null;
        if (reference != null
                && reference.length() == 12
                && reference.startsWith("CW")
                && CLAIM_NUMBER.matcher(reference).matches()) {
            var row = storedById.get(Long.parseLong(reference.substring(2)));
            if (row != null && row.status.equals("current")) byNumber = row.id;
        }
        if (byPcn == null) return byNumber;
        return byNumber == null ? byPcn : Math.max(byPcn, byNumber);
    }

    private static String key(String npi, String pcn) {
        return npi + '|' + pcn;
    }

    private void reject(ClaimRecord claim, String loop, String reason) {
        rejects.add(new ClaimReject(claim.segmentNumber(), "CLM", loop, claim.patientControlNumber(), reason));
    }

    /** The billing and rendering NPIs not seen in earlier chunks, resolved in one call to the directory. */
    private void lookUpProviders() {
        var unknown = new LinkedHashSet<String>();
        for (Object e : events) {
            if (e instanceof ClaimRecord claim) {
                unknown.add(claim.billingNpi());
                if (claim.renderingNpi() != null) unknown.add(claim.renderingNpi());
                for (var line : claim.lines()) {
                    if (line.renderingNpi() != null) unknown.add(line.renderingNpi());
                }
            }
        }
        unknown.removeAll(providers.keySet());
        if (unknown.isEmpty()) return;
        var found = directory.providersByNpi(unknown);
        for (String npi : unknown) providers.put(npi, found.getOrDefault(npi, UNLINKED));
    }

    /** The directory reference of an NPI; null when there is no NPI or the directory does not hold it. */
    private String link(String npi) {
        if (npi == null) return null;
        var provider = providers.get(npi);
        return provider == null || provider == UNLINKED ? null : provider.reference();
    }

    /** Whether an NPI the claim names (billing, rendering, a line's rendering) is not in the directory. */
    private boolean unlinked(ClaimRecord claim) {
        if (link(claim.billingNpi()) == null) return true;
        if (claim.renderingNpi() != null && link(claim.renderingNpi()) == null) return true;
        for (var line : claim.lines()) {
            if (line.renderingNpi() != null && link(line.renderingNpi()) == null) return true;
        }
        return false;
    }

    /** Members not seen in earlier chunks: by plan member id, then the rest by CIN, each in one call. */
    private void lookUpMembers() {
        var unknown = new LinkedHashSet<String>();
        for (Object e : events) {
            if (e instanceof ClaimRecord claim && !members.containsKey(claim.subscriberId())) {
                unknown.add(claim.subscriberId());
            }
        }
        if (unknown.isEmpty()) return;
        var ids = List.copyOf(unknown);
        var byId = coverage.eligibility(
                ids.stream().map(id -> new EligibilityInquiry(id, null)).toList(), ClaimImport.PURPOSE);
        var notFound = new ArrayList<String>();
        for (int i = 0; i < ids.size(); i++) {
            if (byId.get(i).isPresent()) {
                members.put(ids.get(i), byId.get(i).get().member().memberId());
            } else {
                notFound.add(ids.get(i));
            }
        }
        if (notFound.isEmpty()) return;
        var byCin = coverage.eligibility(
                notFound.stream().map(id -> EligibilityInquiry.byCin(id, null)).toList(), ClaimImport.PURPOSE);
        for (int i = 0; i < notFound.size(); i++) {
            members.put(
                    notFound.get(i),
                    byCin.get(i).map(m -> m.member().memberId()).orElse(""));
        }
    }

    /** For each claim, the current claims of earlier chunks and files its reference names, newest first. */
    private static List<long[]> current(Connection c, List<ClaimRecord> claims) throws SQLException {
        var found = new ArrayList<long[]>(claims.size());
        if (claims.isEmpty()) return found;
        String[] npis = new String[claims.size()];
        String[] refs = new String[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            var claim = claims.get(i);
            npis[i] = claim.billingNpi();
            refs[i] = claim.frequency() == '1' ? claim.patientControlNumber() : claim.originalReference();
        }
        var hits = new HashMap<Integer, List<Long>>();
        try (var ps = c.prepareStatement(FIND_CURRENT)) {
            ps.setArray(1, c.createArrayOf("text", npis));
            ps.setArray(2, c.createArrayOf("text", refs));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    hits.computeIfAbsent(rs.getInt(1) - 1, i -> new ArrayList<>())
                            .add(rs.getLong(2));
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            var ids = hits.getOrDefault(i, List.of());
            found.add(ids.stream()
                    .mapToLong(Long::longValue)
                    .boxed()
                    .sorted((a, b) -> Long.compare(b, a))
                    .mapToLong(Long::longValue)
                    .toArray());
        }
        return found;
    }

    /** Claim ids taken from the sequence up front, so lines can be written with their claim in one COPY each. */
    private static long[] ids(Connection c, int n) throws SQLException {
        long[] ids = new long[n];
        if (n == 0) return ids;
        try (var ps = c.prepareStatement("select nextval('quality.claim_id_seq') from generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) ids[i] = rs.getLong(1);
            }
        }
        return ids;
    }

    private void write(Connection c, List<Stored> stored, Map<Long, String> superseded) throws SQLException {
        if (!superseded.isEmpty()) {
            var ids = superseded.keySet().toArray(Long[]::new);
            var statuses = new String[ids.length];
            for (int i = 0; i < ids.length; i++) statuses[i] = superseded.get(ids[i]);
            try (var ps = c.prepareStatement("""
                    update quality.claim c set status = u.status from unnest(?::bigint[], ?::text[]) u(id, status)
                    where c.id = u.id""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("text", statuses));
                ps.executeUpdate();
            }
        }
        if (!stored.isEmpty()) {
            // streamed in PostgreSQL's binary format: the server stores the first rows while the next are encoded
            try (var claims = new CopyBinary(c, COPY_CLAIMS, 22)) {
                for (Stored s : stored) {
                    var k = s.claim;
                    boolean flagged = unlinked(k);
                    if (flagged) npiUnlinked++;
                    claims.row()
                            .int8(s.id)
                            .int8(fileId)
                            .int4(k.segmentNumber())
                            .text(k.patientControlNumber())
                            .text(String.valueOf(k.form()))
                            .text(String.valueOf(k.frequency()))
                            .text(k.originalReference())
                            .int8(s.replaces)
                            .text(s.status)
                            .text(s.memberId)
                            .text(k.billingNpi())
                            .text(k.renderingNpi())
                            .text(k.placeOfService())
                            .text(k.facilityType())
                            .date(k.statementFrom())
                            .date(k.statementTo())
                            .numeric(k.totalCharge())
                            .textArray(k.diagnoses())
                            .textArray(k.icd10Procedures())
                            .text(link(k.billingNpi()))
                            .text(link(k.renderingNpi()))
                            .bool(flagged);
                }
                claims.finish();
            }
            try (var serviceLines = new CopyBinary(c, COPY_LINES, 13)) {
                for (Stored s : stored) {
                    for (var line : s.claim.lines()) {
                        serviceLines
                                .row()
                                .int8(s.id)
                                .text(s.memberId)
                                .int4(line.lineNumber())
                                .date(line.from())
                                .date(line.to())
                                .text(line.procedureCode())
                                .textArray(line.modifiers())
                                .text(line.revenueCode())
                                .numeric(line.units())
                                .numeric(line.charge())
                                .text(line.placeOfService())
                                .text(line.renderingNpi())
                                .text(link(line.renderingNpi()));
                        lines++;
                    }
                }
                serviceLines.finish();
            }
        }
        if (!rejects.isEmpty()) {
            try (var out = new CopyBinary(c, COPY_REJECTS, 6)) {
                for (var r : rejects) {
                    out.row()
                            .int8(fileId)
                            .int4(r.segmentNumber())
                            .text(r.segmentTag())
                            .text(r.loop())
                            .text(r.patientControlNumber())
                            .text(r.reason());
                }
                out.finish();
            }
        }
    }

    /** A claim about to be stored, with the id taken for it and its status after the whole chunk. */
    private static final class Stored {

        final long id;
        final ClaimRecord claim;
        final String memberId;
        final Long replaces;
        String status;

        Stored(long id, ClaimRecord claim, String memberId, Long replaces, String status) {
            this.id = id;
            this.claim = claim;
            this.memberId = memberId;
            this.replaces = replaces;
            this.status = status;
        }
    }
}
