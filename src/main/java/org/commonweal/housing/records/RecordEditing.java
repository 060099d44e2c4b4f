package org.commonweal.housing.records;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.housing.cases.CaseloadAccess;
import org.commonweal.housing.cases.Viewer;
import org.commonweal.housing.notices.CaseManagerNotices;
import org.commonweal.platform.PlanIdentity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and editing clients and enrollments, and revoking consents: checked against the caseload rules, validated
 * field by field, every change audited with the names of the fields that changed (never their values).
 */
@Service
class RecordEditing {

    /** The id written, or the field errors (field → message key) when nothing was written. */
    record Outcome(long id, Map<String, String> errors) {

        boolean ok() {
            return errors.isEmpty();
        }

        static Outcome rejected(Map<String, String> errors) {
            return new Outcome(0, errors);
        }
    }

    static final String PURPOSE = "housing case management";

    private final ClientRecords records;
    private final CaseloadAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final CaseManagerNotices notices;

    RecordEditing(
            ClientRecords records,
            CaseloadAccess access,
            AuditTrail audit,
            PlanIdentity plan,
            CaseManagerNotices notices) {
        this.notices = notices;
        this.clock = Clock.system(plan.timeZone());
        this.records = records;
        this.access = access;
        this.audit = audit;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    List<String> assignable(Viewer viewer) {
        return records.assignable(viewer.username(), viewer.seesAll());
    }

    /** A new client, assigned at once (so it is in someone's caseload from the start). */
    @Transactional
    Outcome createClient(Viewer viewer, ClientForm form) {
        var checked = form.check(today(), new HashSet<>(assignable(viewer)));
        if (!checked.ok()) {
            return Outcome.rejected(checked.errors());
        }
        long id = records.insertClient(checked.values());
        records.assign(id, checked.caseManager(), today(), viewer.username());
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "housing-client",
                Long.toString(id),
                checked.values().memberId(),
                PURPOSE,
                "assigned to " + checked.caseManager()));
        notices.assigned(id, checked.caseManager(), viewer.username());
        return new Outcome(id, Map.of());
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    ClientRecords.Client clientForEdit(Viewer viewer, long clientId) {
        var client = records.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        audit.record(AuditEntry.read("housing-client", Long.toString(clientId), client.memberId(), PURPOSE));
        return client;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    Outcome updateClient(Viewer viewer, long clientId, ClientForm form) {
        var before = records.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        var checked = form.check(today(), null);
        if (!checked.ok()) {
            return Outcome.rejected(checked.errors());
        }
        List<String> changed = changedFields(before.values(), checked.values());
        if (!changed.isEmpty()) {
            records.updateClient(clientId, checked.values());
            audit.record(AuditEntry.change(
                    AuditAction.UPDATE,
                    "housing-client",
                    Long.toString(clientId),
                    checked.values().memberId() != null ? checked.values().memberId() : before.memberId(),
                    PURPOSE,
                    "changed " + String.join(", ", changed)));
        }
        return new Outcome(clientId, Map.of());
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    ClientRecords.Enrollment enrollmentForEdit(Viewer viewer, long enrollmentId) {
        var enrollment = records.enrollment(enrollmentId)
                .orElseThrow(() -> new NoSuchElementException("no enrollment " + enrollmentId));
        var client = openable(viewer, enrollment.clientId());
        audit.record(AuditEntry.read("housing-enrollment", Long.toString(enrollmentId), client.memberId(), PURPOSE));
        return enrollment;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    Outcome createEnrollment(Viewer viewer, long clientId, EnrollmentForm form) {
        var client = openable(viewer, clientId);
        var checked = form.check(today(), records.projectTypes());
        if (!checked.ok()) {
            return Outcome.rejected(checked.errors());
        }
        long id = records.insertEnrollment(clientId, checked.values());
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "housing-enrollment",
                Long.toString(id),
                client.memberId(),
                PURPOSE,
                "project " + checked.values().projectId()));
        return new Outcome(id, Map.of());
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    Outcome updateEnrollment(Viewer viewer, long enrollmentId, EnrollmentForm form) {
        var before = records.enrollment(enrollmentId)
                .orElseThrow(() -> new NoSuchElementException("no enrollment " + enrollmentId));
        var client = openable(viewer, before.clientId());
        var checked = form.check(today(), records.projectTypes());
        if (!checked.ok()) {
            return Outcome.rejected(checked.errors());
        }
        List<String> changed = changedFields(before.values(), checked.values());
        if (checked.values().householdId() == null) {
            changed.remove("householdId");
        }
        if (!changed.isEmpty()) {
            records.updateEnrollment(enrollmentId, checked.values());
            audit.record(AuditEntry.change(
                    AuditAction.UPDATE,
                    "housing-enrollment",
                    Long.toString(enrollmentId),
                    client.memberId(),
                    PURPOSE,
                    "changed " + String.join(", ", changed)));
        }
        return new Outcome(enrollmentId, Map.of());
    }

    /** Revokes a consent from today; returns the client's id. */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    long revokeConsent(Viewer viewer, long consentId) {
        long clientId = records.clientOfConsent(consentId)
                .orElseThrow(() -> new NoSuchElementException("no consent " + consentId));
        var client = openable(viewer, clientId);
        records.revokeConsent(consentId, today())
                .orElseThrow(() -> new IllegalArgumentException("consent " + consentId + " is already revoked"));
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "housing-consent",
                Long.toString(consentId),
                client.memberId(),
                PURPOSE,
                "revoked"));
        return clientId;
    }

    /**
     * The HMIS rules' problems of a client form already rejected by Bean Validation, so the person sees every error at
     * once: checks the caseload like a save would, and writes nothing.
     *
     * @param clientId null for a new client (then the case manager is checked against the assignable ones)
     */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    Outcome checkClient(Viewer viewer, Long clientId, ClientForm form) {
        if (clientId != null) {
            openable(viewer, clientId);
        }
        return Outcome.rejected(form.check(today(), clientId == null ? new HashSet<>(assignable(viewer)) : null)
                .errors());
    }

    /** As {@link #checkClient}, for an enrollment form of the client. */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    Outcome checkEnrollment(Viewer viewer, long clientId, EnrollmentForm form) {
        openable(viewer, clientId);
        return Outcome.rejected(form.check(today(), records.projectTypes()).errors());
    }

    List<ClientRecords.Project> projects() {
        return records.projects();
    }

    private ClientRecords.Client openable(Viewer viewer, long clientId) {
        var client = records.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        return client;
    }

    private void check(Viewer viewer, long clientId) {
        if (!access.canOpen(viewer, clientId)) {
            audit.record(new AuditEntry(
                    AuditAction.READ,
                    "housing-client",
                    Long.toString(clientId),
                    null,
                    PURPOSE,
                    "refused: not in caseload"));
            throw new AccessDeniedException("client " + clientId + " is not in your caseload or your team's");
        }
    }

    /** Names of the record components that differ. */
    static List<String> changedFields(Record before, Record after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            try {
                if (!Objects.deepEquals(
                        c.getAccessor().invoke(before), c.getAccessor().invoke(after))) {
                    changed.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed;
    }
}
