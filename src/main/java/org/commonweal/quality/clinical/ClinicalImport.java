package org.commonweal.quality.clinical;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberSummary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clinical data from providers as FHIR R4 (a transaction or collection Bundle, or Bulk Data NDJSON): each Patient is
 * matched to a plan member (an identifier that is a member id or CIN, else exactly one member with the same name and
 * birth date, through coverage's facade), and the resources that point at a matched Patient are stored whole under
 * that member, their references rewritten to the member. What cannot be matched or is not clinical data is rejected
 * with its line (NDJSON) or entry number (Bundle) and the reason; the rest is kept. A Medication points at no patient:
 * it is kept under each member whose resources in the same source refer to it (a MedicationRequest's {@code
 * medicationReference}), where the measure reads its code. This class stores only: callers
 * go through {@code supplemental.ClinicalSources}, which recomputes the members once the source is stored.
 */
@Service
public class ClinicalImport {

    static final String PURPOSE = "quality: match clinical data to members";
    static final Set<String> TAKEN = Set.of(
            "Encounter",
            "Condition",
            "Procedure",
            "Observation",
            "Immunization",
            "MedicationRequest",
            "MedicationDispense",
            "MedicationAdministration",
            "DiagnosticReport",
            "DeviceRequest",
            "ServiceRequest",
            "AllergyIntolerance",
            "Coverage");

    /**
     * What an import did; {@code members} are those with a resource stored (each once), {@code refusal} is set when the
     * source was refused whole.
     */
    public record Report(
            long sourceId,
            int stored,
            int patientsMatched,
            List<String> members,
            List<String> rejects,
            String refusal,
            List<Outcome> outcomes) {}

    /**
     * What became of one entry (Bundle entry number or NDJSON line): {@code location} is {@code Patient/<member id>}
     * for a matched Patient and {@code <type>/<stored row id>} for a stored resource; {@code reason} says why it was
     * rejected (then no location).
     */
    public record Outcome(int entry, String resourceType, String location, String reason) {}

    /** An entry to store; {@code refusal} set when it is refused before any matching (no resource, a GET …). */
    private record Entry(int line, Resource resource, String refusal) {

        Entry(int line, Resource resource) {
            this(line, resource, null);
        }

        String type() {
            return resource == null ? null : resource.fhirType();
        }

        String id() {
            return resource == null ? null : resource.getIdElement().getIdPart();
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Coverage coverage;
    private final AuditTrail audit;

    ClinicalImport(JdbcClient jdbc, TransactionTemplate transactions, Coverage coverage, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.coverage = coverage;
        this.audit = audit;
    }

    private static IParser parser() {
        return FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    public Report importBundle(InputStream in, String name, String by) throws IOException {
        Bundle bundle;
        try {
            bundle = parser().parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            return new Report(0, 0, 0, List.of(), List.of(), "not a FHIR R4 Bundle: " + e.getMessage(), List.of());
        }
        var entries = new ArrayList<Entry>();
        var fullUrls = new HashMap<String, String>();
        int n = 0;
        for (var entry : bundle.getEntry()) {
            n++;
            if (entry.getResource() == null) continue;
            entries.add(new Entry(n, entry.getResource()));
            fullUrl(entry, fullUrls);
        }
        return store(entries, fullUrls, name, "bundle", by, new ArrayList<>(), false);
    }

    /**
     * A transaction or batch Bundle received over FHIR ({@code POST /fhir}): every entry gets an {@link Outcome}, in
     * order. Each entry must carry a resource and a POST or PUT request. With {@code atomic} (a {@code transaction})
     * one rejected entry refuses the whole Bundle and nothing is stored (the report's {@code refusal} is set and its
     * outcomes name every rejected entry); otherwise (a {@code batch}) the rest is kept.
     */
    public Report importTransaction(Bundle bundle, String name, String by, boolean atomic) {
        var entries = new ArrayList<Entry>();
        var fullUrls = new HashMap<String, String>();
        int n = 0;
        for (var entry : bundle.getEntry()) {
            n++;
            var method = entry.getRequest().getMethod();
            if (entry.getResource() == null) {
                entries.add(new Entry(n, null, "the entry has no resource (only POST or PUT of clinical data)"));
            } else if (method != null
                    && method != Bundle.HTTPVerb.POST
                    && method != Bundle.HTTPVerb.PUT
                    && method != Bundle.HTTPVerb.NULL) {
                entries.add(new Entry(
                        n,
                        entry.getResource(),
                        method.toCode() + " is not taken here (only POST or PUT of clinical data)"));
            } else {
                entries.add(new Entry(n, entry.getResource()));
                fullUrl(entry, fullUrls);
            }
        }
        var report = store(entries, fullUrls, name, "bundle", by, new ArrayList<>(), atomic);
        if (report.refusal() != null) {
            // the rollback took the member look-ups' audit rows with it (they are written in the caller's
            // transaction): the members read are recorded again, outside it
            audit.recordAll(report.outcomes().stream()
                    .filter(o -> o.location() != null && o.resourceType().equals("Patient"))
                    .map(o -> AuditEntry.read(
                            "member",
                            o.location().substring("Patient/".length()),
                            o.location().substring("Patient/".length()),
                            PURPOSE + " (transaction refused, nothing stored)"))
                    .toList());
        }
        return report;
    }

    private static void fullUrl(Bundle.BundleEntryComponent entry, Map<String, String> fullUrls) {
        if (entry.hasFullUrl() && entry.getResource() instanceof Patient p) {
            fullUrls.put(entry.getFullUrl(), "Patient/" + p.getIdElement().getIdPart());
        } else if (entry.hasFullUrl() && entry.getResource() instanceof Medication m) {
            fullUrls.put(entry.getFullUrl(), "Medication/" + m.getIdElement().getIdPart());
        }
    }

    public Report importNdjson(InputStream in, String name, String by) throws IOException {
        var entries = new ArrayList<Entry>();
        var rejects = new ArrayList<String>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String text;
        int line = 0;
        var parser = parser();
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) continue;
            try {
                entries.add(new Entry(line, (Resource) parser.parseResource(text)));
            } catch (DataFormatException | ClassCastException e) {
                rejects.add("line " + line + ": not a FHIR R4 resource: " + e.getMessage());
            }
        }
        return store(entries, Map.of(), name, "ndjson", by, rejects, false);
    }

    private Report store(
            List<Entry> entries,
            Map<String, String> fullUrls,
            String name,
            String format,
            String by,
            List<String> rejects,
            boolean atomic) {
        return transactions.execute(status -> {
            long sourceId = jdbc.sql("insert into quality.clinical_source (name, format, received_by) values (?, ?, ?)"
                            + " returning id")
                    .params(name, format, by)
                    .query(Long.class)
                    .single();
            var members = new HashMap<String, String>();
            var outcomes = new java.util.TreeMap<Integer, Outcome>();
            for (var entry : entries) {
                if (entry.refusal() != null) {
                    reject(sourceId, entry, rejects, outcomes, entry.refusal());
                } else if (entry.resource() instanceof Patient patient) {
                    var member = match(patient);
                    if (member.isPresent()) {
                        members.put("Patient/" + patient.getIdElement().getIdPart(), member.get());
                        outcomes.put(
                                entry.line(), new Outcome(entry.line(), "Patient", "Patient/" + member.get(), null));
                    } else {
                        reject(
                                sourceId,
                                entry,
                                rejects,
                                outcomes,
                                "no plan member matches this patient (identifiers "
                                        + patient.getIdentifier().stream()
                                                .map(i -> i.getValue())
                                                .toList()
                                        + ", nor one member with the same name and birth date)");
                    }
                }
            }
            int stored = 0;
            var storedFor = new LinkedHashSet<String>();
            var referredBy = new HashMap<String, Set<String>>(); // Medication/<id> -> members whose resources name it
            for (var entry : entries) {
                var resource = entry.resource();
                if (entry.refusal() != null || resource instanceof Patient || resource instanceof Medication) continue;
                if (!TAKEN.contains(resource.fhirType())) {
                    reject(
                            sourceId,
                            entry,
                            rejects,
                            outcomes,
                            resource.fhirType() + " is not clinical data this import takes");
                    continue;
                }
                var member = patientOf(resource, fullUrls, members);
                if (member == null) {
                    reject(
                            sourceId,
                            entry,
                            rejects,
                            outcomes,
                            "its patient is not in this source or was not matched to a " + "member");
                    continue;
                }
                long rowId = insert(sourceId, entry, member);
                outcomes.put(
                        entry.line(),
                        new Outcome(entry.line(), resource.fhirType(), resource.fhirType() + "/" + rowId, null));
                stored++;
                storedFor.add(member);
                for (var medication : medications(resource, fullUrls))
                    referredBy
                            .computeIfAbsent(medication, k -> new LinkedHashSet<>())
                            .add(member);
            }
            for (var entry : entries) {
                if (entry.refusal() != null || !(entry.resource() instanceof Medication)) continue;
                var referring = referredBy.getOrDefault("Medication/" + entry.id(), Set.of());
                if (referring.isEmpty()) {
                    reject(
                            sourceId,
                            entry,
                            rejects,
                            outcomes,
                            "no resource of a matched patient in this source refers to this Medication");
                    continue;
                }
                Long first = null;
                for (var member : referring) {
                    long rowId = insert(sourceId, entry, member);
                    first = first == null ? rowId : first;
                }
                outcomes.put(entry.line(), new Outcome(entry.line(), "Medication", "Medication/" + first, null));
                stored++;
            }
            if (atomic && !rejects.isEmpty()) {
                // a transaction is all or nothing: its source, resources and rejects are not kept
                status.setRollbackOnly();
                return new Report(
                        0,
                        0,
                        members.size(),
                        List.of(),
                        List.copyOf(rejects),
                        rejects.size() + " of " + entries.size() + " entries rejected; a transaction is stored whole"
                                + " or not at all, so nothing was stored",
                        List.copyOf(outcomes.values()));
            }
            jdbc.sql("update quality.clinical_source set resources = ?, rejected = ? where id = ?")
                    .params(stored, rejects.size(), sourceId)
                    .update();
            audit.record(AuditEntry.change(
                    AuditAction.IMPORT,
                    "clinical-source",
                    Long.toString(sourceId),
                    null,
                    PURPOSE,
                    name + ": " + stored + " resources for " + members.size() + " members"));
            return new Report(
                    sourceId,
                    stored,
                    members.size(),
                    List.copyOf(storedFor),
                    List.copyOf(rejects),
                    null,
                    List.copyOf(outcomes.values()));
        });
    }

    private long insert(long sourceId, Entry entry, String member) {
        var resource = entry.resource();
        return jdbc.sql("""
                insert into quality.clinical_resource (source_id, line_number, member_id, resource_type,
                    resource_id, resource_json) values (?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        sourceId,
                        entry.line(),
                        member,
                        resource.fhirType(),
                        entry.id(),
                        FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource))
                .query(Long.class)
                .single();
    }

    /** The Medications a resource refers to, as {@code Medication/<id>} (a Bundle's fullUrl resolved). */
    private static List<String> medications(Resource resource, Map<String, String> fullUrls) {
        var out = new ArrayList<String>();
        for (var reference :
                FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            var target = fullUrls.getOrDefault(reference.getReference(), reference.getReference());
            if (target != null && target.startsWith("Medication/")) out.add(target);
        }
        return out;
    }

    private void reject(
            long sourceId, Entry entry, List<String> rejects, Map<Integer, Outcome> outcomes, String reason) {
        var where = entry.line() + (entry.resource() == null ? "" : " (" + entry.type() + "/" + entry.id() + ")");
        rejects.add(where + ": " + reason);
        outcomes.put(entry.line(), new Outcome(entry.line(), entry.type(), null, reason));
        jdbc.sql("""
                insert into quality.clinical_reject (source_id, line_number, resource_type, resource_id, reason)
                values (?, ?, ?, ?, ?)""")
                .params(sourceId, entry.line(), entry.type(), entry.id(), reason)
                .update();
    }

    private Optional<String> match(Patient patient) {
        for (var identifier : patient.getIdentifier()) {
            if (!identifier.hasValue()) continue;
            var found = coverage.findMember(identifier.getValue(), PURPOSE)
                    .or(() -> coverage.findMemberByCin(identifier.getValue(), PURPOSE));
            if (found.isPresent()) return found.map(MemberSummary::memberId);
        }
        if (patient.hasBirthDate() && patient.hasName()) {
            var name = patient.getNameFirstRep();
            var birth = new java.sql.Date(patient.getBirthDate().getTime()).toLocalDate();
            var ids = coverage.memberIdsByNameAndBirthDate(name.getFamily(), name.getGivenAsSingleString(), birth, 2);
            if (ids.size() == 1) return Optional.of(ids.get(0));
        }
        return Optional.empty();
    }

    /**
     * The member a resource belongs to: the first reference to a matched Patient among its references, all of which
     * are then rewritten to {@code Patient/<member id>}.
     */
    private static String patientOf(Resource resource, Map<String, String> fullUrls, Map<String, String> members) {
        String member = null;
        var terser = FhirContext.forR4Cached().newTerser();
        for (var reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            var target = fullUrls.getOrDefault(reference.getReference(), reference.getReference());
            if (target == null) continue;
            var found = members.get(target);
            if (found != null) {
                member = member == null ? found : member;
                reference.setReference("Patient/" + found);
            }
        }
        return member;
    }

    /** The member's stored clinical resources, for measure runs. */
    public List<Resource> resources(String memberId) {
        var parser = FhirContext.forR4Cached().newJsonParser();
        return jdbc.sql("""
                select r.resource_json from quality.clinical_resource r
                join quality.clinical_source s on s.id = r.source_id
                where r.member_id = ? and s.status = 'imported' order by r.id""").param(memberId).query(String.class).list().stream()
                .map(text -> (Resource) parser.parseResource(text))
                .toList();
    }

    /**
     * The stored clinical resources of several members in one query (a measure run's batch), by member; members
     * without any are left out. Each member's resources in the order {@link #resources(String)} gives them.
     */
    public Map<String, List<Resource>> resources(java.util.Collection<String> memberIds) {
        var byMember = new HashMap<String, List<Resource>>();
        if (memberIds.isEmpty()) return byMember;
        var parser = FhirContext.forR4Cached().newJsonParser();
        jdbc.sql("""
                select r.member_id, r.resource_json from quality.clinical_resource r
                join quality.clinical_source s on s.id = r.source_id
                where r.member_id = any(?) and s.status = 'imported' order by r.member_id, r.id""").param(memberIds.toArray(String[]::new)).query(rs -> {
            byMember.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add((Resource) parser.parseResource(rs.getString(2)));
        });
        return byMember;
    }

    /** Members with clinical data. */
    public List<String> members() {
        return jdbc.sql("select distinct member_id from quality.clinical_resource order by 1")
                .query(String.class)
                .list();
    }
}
