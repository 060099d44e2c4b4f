package org.commonweal.housing.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.PlanIdentity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The case manager's actions on a client, each checked against the caseload rules and audited. */
@Service
class CaseManagement {

    record CaseFile(
            CaseFiles.ClientView client,
            List<CaseFiles.EnrollmentView> enrollments,
            List<CaseFiles.ServiceView> services,
            List<CaseFiles.TaskView> tasks,
            List<CaseFiles.ConsentView> consents,
            List<CaseFiles.CeEventView> events,
            List<CaseFiles.SubsidyView> subsidies,
            List<CaseFiles.PaymentView> payments,
            List<CaseFiles.AssignmentView> assignments) {}

    static final String PURPOSE = "housing case management";

    private final CaseFiles files;
    private final CaseloadAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.commonweal.housing.notices.CaseManagerNotices notices;

    private final ZoneId zone;

    CaseManagement(
            CaseFiles files,
            CaseloadAccess access,
            AuditTrail audit,
            PlanIdentity plan,
            org.commonweal.housing.notices.CaseManagerNotices notices) {
        this.zone = plan.timeZone();
        this.notices = notices;
        this.files = files;
        this.access = access;
        this.audit = audit;
        this.clock = Clock.system(zone);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    List<CaseFiles.CaseloadRow> caseload(Viewer viewer, String query, boolean includeClosed, int page) {
        var rows = files.caseload(viewer, query, includeClosed, page);
        audit.record(new AuditEntry(
                AuditAction.SEARCH,
                "housing-caseload",
                null,
                null,
                PURPOSE,
                Math.min(rows.size(), CaseFiles.PAGE_SIZE) + " clients, page " + (page + 1)
                        + (query == null || query.isBlank() ? "" : " (search)")));
        return rows;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    CaseFile open(Viewer viewer, long clientId) {
        var client = files.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        audit.record(AuditEntry.read("housing-client", Long.toString(clientId), client.memberId(), PURPOSE));
        return new CaseFile(
                client,
                files.enrollments(clientId),
                files.services(clientId),
                files.tasks(clientId),
                files.consents(clientId),
                files.ceEvents(clientId),
                files.subsidies(clientId),
                files.payments(clientId),
                files.assignments(clientId));
    }

    /** The protected note of a contact: its own audited read. */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    String note(Viewer viewer, long serviceId) {
        var note = files.note(serviceId).orElseThrow(() -> new NoSuchElementException("no service " + serviceId));
        check(viewer, note.clientId());
        audit.record(AuditEntry.read("housing-service-note", Long.toString(serviceId), note.memberId(), PURPOSE));
        return note.note() == null ? "" : note.note();
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    long recordContact(
            Viewer viewer,
            long clientId,
            LocalDate providedOn,
            int minutes,
            ServiceType type,
            String note,
            String nextSteps) {
        var client = files.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        if (providedOn.isAfter(today())) {
            throw new IllegalArgumentException("date: a contact cannot be in the future");
        }
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("minutes: between 1 and 1440");
        }
        long enrollment = files.openEnrollment(clientId)
                .orElseThrow(() -> new IllegalArgumentException("client has no open enrollment"));
        long id = files.addService(
                clientId,
                enrollment,
                providedOn,
                minutes,
                type.code(),
                blankToNull(note),
                blankToNull(nextSteps),
                viewer.username());
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "housing-service",
                Long.toString(id),
                client.memberId(),
                PURPOSE,
                type.code() + " " + minutes + " min"));
        return id;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    long addTask(Viewer viewer, long clientId, String title, LocalDate dueOn) {
        var client = files.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title: required");
        }
        if (dueOn == null) {
            throw new IllegalArgumentException("due date: required");
        }
        long id = files.addTask(clientId, title.strip(), dueOn, viewer.username());
        audit.record(AuditEntry.change(
                AuditAction.CREATE, "housing-task", Long.toString(id), client.memberId(), PURPOSE, "due " + dueOn));
        return id;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    long completeTask(Viewer viewer, long taskId) {
        long clientId = files.clientOfTask(taskId).orElseThrow(() -> new NoSuchElementException("no task " + taskId));
        check(viewer, clientId);
        if (!files.completeTask(taskId, today())) {
            throw new IllegalArgumentException("task " + taskId + " is already done");
        }
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "housing-task",
                Long.toString(taskId),
                files.client(clientId).map(CaseFiles.ClientView::memberId).orElse(null),
                PURPOSE,
                "done"));
        return clientId;
    }

    @Transactional(noRollbackFor = AccessDeniedException.class)
    long addConsent(
            Viewer viewer, long clientId, String sharedWith, String scope, LocalDate signedOn, LocalDate expiresOn) {
        var client = files.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        if (sharedWith == null || sharedWith.isBlank()) {
            throw new IllegalArgumentException("shared with: required");
        }
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("scope: required");
        }
        if (signedOn == null || expiresOn == null || expiresOn.isBefore(signedOn)) {
            throw new IllegalArgumentException("expires: required, and not before the signing date");
        }
        long id = files.addConsent(clientId, sharedWith.strip(), scope.strip(), signedOn, expiresOn);
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "housing-consent",
                Long.toString(id),
                client.memberId(),
                PURPOSE,
                "until " + expiresOn));
        return id;
    }

    /** A supervisor moves a client to a case manager of their team; an administrator to anyone's. */
    @Transactional(noRollbackFor = AccessDeniedException.class)
    void reassign(Viewer viewer, long clientId, String caseManager) {
        var client = files.client(clientId).orElseThrow(() -> new NoSuchElementException("no client " + clientId));
        check(viewer, clientId);
        if (!files.reassignableTo(viewer).contains(caseManager)) {
            throw new AccessDeniedException("only a supervisor of " + caseManager + "'s team may assign to them");
        }
        files.reassign(clientId, caseManager, today(), viewer.username());
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "housing-assignment",
                Long.toString(clientId),
                client.memberId(),
                PURPOSE,
                "assigned to " + caseManager));
        notices.assigned(clientId, caseManager, viewer.username());
    }

    /** The notices sent (or not) about a client; call after {@link #open}, which checks the caseload. */
    List<org.commonweal.housing.notices.CaseManagerNotices.Notice> notices(long clientId) {
        return notices.of(clientId);
    }

    List<String> reassignableTo(Viewer viewer) {
        return files.reassignableTo(viewer);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
