package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.grants.lifecycle.ApplicationStatus;
import org.commonweal.grants.lifecycle.AttachmentPolicy;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.shell.Formats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applications: drafts saved and resumed, budget, attachments, submission before the deadline, screening. */
@Component
class ApplicationDesk {

    record Application(
            long id,
            long cycleId,
            String cycleTitle,
            long organizationId,
            String organizationName,
            String ein,
            String title,
            BigDecimal requested,
            List<String> answers,
            ApplicationStatus status,
            String screeningNote,
            Instant updatedAt,
            Instant submittedAt,
            String createdBy,
            int version) {}

    /** One save by one person: which parts changed ({@code title}, {@code requested}, {@code answer:2}, {@code budget}, {@code attachment:x.pdf}). */
    record Edit(String editor, List<String> parts, Instant editedAt) {}

    record BudgetLine(String category, String description, BigDecimal amount) {}

    record Attachment(long id, String filename, String contentType, long size, String sha256, Instant uploadedAt) {}

    record Draft(String title, BigDecimal requested, List<String> answers, List<BudgetLine> budget) {}

    private static final String SELECT = """
            select a.*, c.title as cycle_title, o.legal_name, o.ein from grants.application a
            join grants.funding_cycle c on c.id = a.cycle_id join grants.organization o on o.id = a.organization_id""";

    private final JdbcClient jdbc;
    private final GrantsCatalog catalog;
    private final GrantsAudit audit;
    private final LetterOfIntentDesk letters;

    private final Formats formats;

    ApplicationDesk(
            JdbcClient jdbc, GrantsCatalog catalog, GrantsAudit audit, LetterOfIntentDesk letters, Formats formats) {
        this.formats = formats;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.letters = letters;
    }

    /** Starts a draft; a refusal (closed cycle, no invitation) writes nothing but its audit entry, which is kept. */
    @Transactional(noRollbackFor = GrantRuleViolation.class)
    long start(long cycleId, long organizationId, String actor, Instant now) {
        var cycle = catalog.cycle(cycleId).orElseThrow(() -> new GrantRuleViolation("No such funding cycle."));
        if (!cycle.window().isOpen(now)) {
            cycle.window().requireOpen(now);
        }
        try {
            letters.requireInvited(cycle, organizationId);
        } catch (GrantRuleViolation refused) {
            audit.decision(
                    actor,
                    "grant-cycle",
                    cycleId,
                    "application refused for organization " + organizationId + ": " + refused.getMessage());
            throw refused;
        }
        var letter = cycle.loiRequired()
                ? letters.of(cycleId, organizationId)
                : java.util.Optional.<LetterOfIntentDesk.Letter>empty();
        long id = jdbc.sql("""
                insert into grants.application (cycle_id, organization_id, title, requested_amount, created_by)
                values (?, ?, ?, ?, ?) returning id""")
                .params(
                        cycleId,
                        organizationId,
                        letter.map(LetterOfIntentDesk.Letter::title).orElse(cycle.title()),
                        letter.map(LetterOfIntentDesk.Letter::requested).orElse(BigDecimal.ZERO),
                        actor)
                .query(Long.class)
                .single();
        audit.change(actor, AuditAction.CREATE, "grant-application", id, "draft started for cycle " + cycle.code());
        return id;
    }

    @Transactional
    void save(long id, Draft draft, String actor) {
        save(id, draft, actor, null);
    }

    /**
     * Saves a draft. With {@code openedVersion} (the version the person's page showed), a save over a colleague's
     * newer one is refused, naming who saved and when, instead of silently overwriting their work.
     */
    @Transactional
    void save(long id, Draft draft, String actor, Integer openedVersion) {
        Application app = find(id).orElseThrow(() -> new GrantRuleViolation("No such application."));
        if (!app.status().editableByApplicant()) {
            throw new GrantRuleViolation("This application has been submitted and can no longer be changed.");
        }
        if (draft.title() == null || draft.title().isBlank()) {
            throw new GrantRuleViolation("The project title is required.");
        }
        List<String> parts = EditDiff.changedParts(app, budget(id), draft);
        int updated = jdbc.sql("""
                update grants.application set title = ?, requested_amount = ?, answers = ?, updated_at = now(),
                    version = version + 1 where id = ? and (?::int is null or version = ?::int)""")
                .params(
                        draft.title().trim(),
                        draft.requested() == null ? BigDecimal.ZERO : draft.requested(),
                        draft.answers().toArray(String[]::new),
                        id,
                        openedVersion,
                        openedVersion)
                .update();
        if (updated == 0) {
            Edit last = edits(id).stream().findFirst().orElse(null);
            throw new GrantRuleViolation(
                    (last == null ? "A colleague" : last.editor()) + " saved this application"
                            + (last == null
                                    ? ""
                                    : " at "
                                            + java.time.format.DateTimeFormatter.ofPattern(
                                                            "h:mm a", java.util.Locale.US)
                                                    .format(last.editedAt().atZone(catalog.zone())))
                            + " after you opened it; your changes were not saved. Reload the page to see theirs, then edit again.");
        }
        jdbc.sql("delete from grants.budget_line where application_id = ?")
                .param(id)
                .update();
        int line = 1;
        for (BudgetLine b : draft.budget()) {
            if (b.amount() == null || b.amount().signum() < 0) {
                throw new GrantRuleViolation("Budget line " + line + ": the amount must be zero or more.");
            }
            jdbc.sql("insert into grants.budget_line values (?, ?, ?, ?, ?)")
                    .params(id, line++, b.category(), b.description(), b.amount())
                    .update();
        }
        if (!parts.isEmpty()) {
            recordEdit(id, actor, parts);
        }
        audit.change(actor, AuditAction.UPDATE, "grant-application", id, "draft saved: " + String.join(", ", parts));
    }

    private void recordEdit(long id, String actor, List<String> parts) {
        jdbc.sql("insert into grants.application_edit (application_id, editor, parts) values (?, ?, ?)")
                .params(id, actor, parts.toArray(String[]::new))
                .update();
    }

    /** Who changed what and when, newest first. */
    List<Edit> edits(long id) {
        return jdbc.sql(
                        "select editor, parts, edited_at from grants.application_edit where application_id = ? order by edited_at desc, id desc")
                .param(id)
                .query((rs, n) -> new Edit(
                        rs.getString("editor"),
                        GrantsCatalog.strings(rs.getArray("parts")),
                        rs.getTimestamp("edited_at").toInstant()))
                .list();
    }

    @Transactional
    Attachment attach(long id, String filename, byte[] content, String actor) {
        Application app = find(id).orElseThrow(() -> new GrantRuleViolation("No such application."));
        if (!app.status().editableByApplicant()) {
            throw new GrantRuleViolation("Attachments cannot be added after submission.");
        }
        var checked = AttachmentPolicy.check(filename, content);
        long attachmentId = jdbc.sql("""
                insert into grants.attachment (application_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(id, checked.filename(), checked.contentType(), checked.size(), checked.sha256(), content, actor)
                .query(Long.class)
                .single();
        jdbc.sql("update grants.application set updated_at = now() where id = ?")
                .param(id)
                .update();
        recordEdit(id, actor, List.of("attachment:" + checked.filename()));
        audit.change(
                actor,
                AuditAction.CREATE,
                "grant-attachment",
                attachmentId,
                "application " + id + " sha256 " + checked.sha256());
        return attachments(id).stream()
                .filter(a -> a.id() == attachmentId)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Submits a draft: refused after the deadline (with the reason), outside the award range or incomplete. Every
     * check comes before the only write, so a refusal keeps just its audit entry.
     */
    @Transactional(noRollbackFor = GrantRuleViolation.class)
    void submit(long id, String actor, Instant now) {
        Application app = find(id).orElseThrow(() -> new GrantRuleViolation("No such application."));
        var cycle = catalog.cycle(app.cycleId()).orElseThrow();
        try {
            cycle.window().requireOpen(now);
        } catch (GrantRuleViolation late) {
            audit.decision(actor, "grant-application", id, "submission refused: " + late.getMessage());
            throw late;
        }
        app.status().moveTo(ApplicationStatus.SUBMITTED);
        if (app.requested().compareTo(cycle.awardFloor()) < 0 || app.requested().compareTo(cycle.awardCeiling()) > 0) {
            throw new GrantRuleViolation(
                    "The amount requested must be between " + formats.money(cycle.awardFloor(), Locale.ENGLISH)
                            + " and " + formats.money(cycle.awardCeiling(), Locale.ENGLISH) + ".");
        }
        for (int q = 0; q < cycle.questions().size(); q++) {
            if (q >= app.answers().size()
                    || app.answers().get(q) == null
                    || app.answers().get(q).isBlank()) {
                throw new GrantRuleViolation("Question " + (q + 1) + " is not answered.");
            }
        }
        BigDecimal budget = budget(id).stream().map(BudgetLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (budget.compareTo(app.requested()) != 0) {
            throw new GrantRuleViolation("The budget adds up to " + formats.money(budget, Locale.ENGLISH)
                    + " but the request is " + formats.money(app.requested(), Locale.ENGLISH) + ".");
        }
        jdbc.sql(
                        "update grants.application set status = 'SUBMITTED', submitted_at = ?, updated_at = now() where id = ?")
                .params(Timestamp.from(now), id)
                .update();
        audit.decision(
                actor,
                "grant-application",
                id,
                "submitted, requesting " + formats.money(app.requested(), Locale.ENGLISH));
    }

    @Transactional
    void screen(long id, boolean eligible, String note, String actor) {
        Application app = find(id).orElseThrow(() -> new GrantRuleViolation("No such application."));
        ApplicationStatus next =
                app.status().moveTo(eligible ? ApplicationStatus.IN_REVIEW : ApplicationStatus.SCREENED_OUT);
        if (!eligible && (note == null || note.isBlank())) {
            throw new GrantRuleViolation("Give the reason for screening out.");
        }
        move(id, next, note);
        audit.decision(actor, "grant-application", id, "screening: " + next + (note == null ? "" : " (" + note + ")"));
    }

    void move(long id, ApplicationStatus status, String note) {
        jdbc.sql(
                        "update grants.application set status = ?, screening_note = coalesce(?, screening_note), updated_at = now() where id = ?")
                .params(status.name(), note, id)
                .update();
    }

    Optional<Application> find(long id) {
        return jdbc.sql(SELECT + " where a.id = ?")
                .param(id)
                .query(ApplicationDesk::map)
                .optional();
    }

    List<Application> ofOrganization(long organizationId) {
        return jdbc.sql(SELECT + " where a.organization_id = ? order by a.updated_at desc")
                .param(organizationId)
                .query(ApplicationDesk::map)
                .list();
    }

    List<Application> inPipeline() {
        return jdbc.sql(SELECT + " where a.status <> 'DRAFT' order by a.status, a.submitted_at desc limit 500")
                .query(ApplicationDesk::map)
                .list();
    }

    List<BudgetLine> budget(long id) {
        return jdbc.sql("select * from grants.budget_line where application_id = ? order by line_no")
                .param(id)
                .query((rs, n) -> new BudgetLine(
                        rs.getString("category"), rs.getString("description"), rs.getBigDecimal("amount")))
                .list();
    }

    List<Attachment> attachments(long id) {
        return jdbc.sql(
                        "select id, filename, content_type, size_bytes, sha256, uploaded_at from grants.attachment where application_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Attachment(
                        rs.getLong("id"),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    private static Application map(ResultSet rs, int n) throws SQLException {
        Timestamp submitted = rs.getTimestamp("submitted_at");
        return new Application(
                rs.getLong("id"),
                rs.getLong("cycle_id"),
                rs.getString("cycle_title"),
                rs.getLong("organization_id"),
                rs.getString("legal_name"),
                rs.getString("ein"),
                rs.getString("title"),
                rs.getBigDecimal("requested_amount"),
                GrantsCatalog.strings(rs.getArray("answers")),
                ApplicationStatus.valueOf(rs.getString("status")),
                rs.getString("screening_note"),
                rs.getTimestamp("updated_at").toInstant(),
                submitted == null ? null : submitted.toInstant(),
                rs.getString("created_by"),
                rs.getInt("version"));
    }
}
