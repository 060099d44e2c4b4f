package org.commonweal.grants.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonweal.grants.lifecycle.ApplicationStatus;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.grants.lifecycle.ReviewRules;
import org.commonweal.grants.lifecycle.ReviewRules.AssignmentStatus;
import org.commonweal.grants.lifecycle.ReviewRules.ReviewerScores;
import org.commonweal.grants.lifecycle.ReviewRules.ScoreSummary;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reviewer assignment, conflict-of-interest declaration and recusal, rubric scores and completion. */
@Component
class ReviewDesk {

    record Assignment(
            long id,
            long applicationId,
            String applicationTitle,
            String organizationName,
            long cycleId,
            String reviewer,
            AssignmentStatus status,
            String conflictReason,
            Instant completedAt,
            String comment) {}

    private static final String SELECT = """
            select r.*, a.title, a.cycle_id, o.legal_name from grants.review_assignment r
            join grants.application a on a.id = r.application_id join grants.organization o on o.id = a.organization_id""";

    private final JdbcClient jdbc;
    private final ApplicationDesk applications;
    private final GrantsCatalog catalog;
    private final GrantsAudit audit;

    private final UserAccounts users;

    ReviewDesk(
            JdbcClient jdbc,
            ApplicationDesk applications,
            GrantsCatalog catalog,
            GrantsAudit audit,
            UserAccounts users) {
        this.users = users;
        this.jdbc = jdbc;
        this.applications = applications;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Transactional
    long assign(long applicationId, String reviewer, String actor) {
        var app = applications.find(applicationId).orElseThrow(() -> new GrantRuleViolation("No such application."));
        if (app.status() != ApplicationStatus.IN_REVIEW) {
            throw new GrantRuleViolation(
                    "Reviewers can be assigned only after screening, while the application is in review.");
        }
        if (reviewer == null || reviewer.isBlank()) {
            throw new GrantRuleViolation("Choose a reviewer from the list.");
        }
        if (!reviewerLogins().contains(reviewer.trim())) {
            throw new GrantRuleViolation(
                    reviewer.trim() + " is not an active grant reviewer login: choose one from the list.");
        }
        long id = jdbc.sql("""
                insert into grants.review_assignment (application_id, reviewer) values (?, ?)
                on conflict (application_id, reviewer) do nothing returning id""")
                .params(applicationId, reviewer.trim())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new GrantRuleViolation(reviewer + " is already assigned to this application."));
        audit.decision(actor, "grant-application", applicationId, "reviewer " + reviewer.trim() + " assigned");
        return id;
    }

    /** The logins that can review: enabled accounts with the GRANT_REVIEWER role, by name. */
    List<String> reviewerLogins() {
        return users.withRole(Role.GRANT_REVIEWER).stream()
                .map(UserAccount::username)
                .sorted()
                .toList();
    }

    /**
     * Takes a reviewer off an application before they score (#18: a mistyped login blocked the application forever,
     * since every assigned reviewer must complete or be recused).
     */
    @Transactional
    void unassign(long assignmentId, String actor) {
        Assignment a = find(assignmentId).orElseThrow(() -> new GrantRuleViolation("No such assignment."));
        if (a.status() == AssignmentStatus.COMPLETED) {
            throw new GrantRuleViolation(a.reviewer() + " has already scored this application and stays on it.");
        }
        jdbc.sql("delete from grants.review_assignment where id = ? and status <> 'COMPLETED'")
                .param(assignmentId)
                .update();
        audit.decision(actor, "grant-application", a.applicationId(), "reviewer " + a.reviewer() + " removed");
    }

    @Transactional
    void declare(long assignmentId, String reviewer, boolean conflicted, String reason) {
        Assignment a = mine(assignmentId, reviewer);
        AssignmentStatus next = ReviewRules.declare(a.status(), conflicted, reason);
        jdbc.sql(
                        "update grants.review_assignment set status = ?, conflict_reason = ?, declared_at = now() where id = ?")
                .params(next.name(), conflicted ? reason.trim() : null, assignmentId)
                .update();
        audit.decision(
                reviewer,
                "grant-application",
                a.applicationId(),
                next == AssignmentStatus.RECUSED
                        ? "reviewer recused: conflict of interest declared"
                        : "reviewer declared no conflict");
    }

    @Transactional
    void score(long assignmentId, String reviewer, Map<String, Integer> scores, String comment) {
        Assignment a = mine(assignmentId, reviewer);
        ReviewRules.requireScorable(a.status(), catalog.rubric(a.cycleId()), scores);
        scores.forEach((code, score) -> jdbc.sql("insert into grants.review_score values (?, ?, ?, null)")
                .params(assignmentId, code, score)
                .update());
        jdbc.sql(
                        "update grants.review_assignment set status = 'COMPLETED', completed_at = now(), overall_comment = ? where id = ?")
                .params(comment, assignmentId)
                .update();
        audit.decision(reviewer, "grant-application", a.applicationId(), "review completed");
    }

    ScoreSummary summary(long applicationId, long cycleId) {
        List<ReviewerScores> reviews = forApplication(applicationId).stream()
                .map(a -> new ReviewerScores(a.reviewer(), a.status(), scores(a.id())))
                .toList();
        return ReviewRules.summarize(catalog.rubric(cycleId), reviews);
    }

    /** Moves a fully reviewed application forward for the Board slate, or declines it. */
    @Transactional
    void conclude(long applicationId, boolean recommend, String actor) {
        var app = applications.find(applicationId).orElseThrow(() -> new GrantRuleViolation("No such application."));
        if (recommend && !summary(applicationId, app.cycleId()).reviewComplete()) {
            throw new GrantRuleViolation("Every assigned reviewer must complete or be recused before recommending.");
        }
        ApplicationStatus next =
                app.status().moveTo(recommend ? ApplicationStatus.RECOMMENDED : ApplicationStatus.DECLINED);
        applications.move(applicationId, next, null);
        audit.decision(actor, "grant-application", applicationId, "review concluded: " + next);
    }

    Map<String, Integer> scores(long assignmentId) {
        Map<String, Integer> scores = new HashMap<>();
        jdbc.sql("select criterion_code, score from grants.review_score where assignment_id = ?")
                .param(assignmentId)
                .query(rs -> {
                    scores.put(rs.getString(1), rs.getInt(2));
                });
        return scores;
    }

    List<Assignment> forApplication(long applicationId) {
        return jdbc.sql(SELECT + " where r.application_id = ? order by r.id")
                .param(applicationId)
                .query(ReviewDesk::map)
                .list();
    }

    List<Assignment> forReviewer(String reviewer) {
        return jdbc.sql(SELECT + " where r.reviewer = ? order by r.status, r.id desc")
                .param(reviewer)
                .query(ReviewDesk::map)
                .list();
    }

    Optional<Assignment> find(long id) {
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(id)
                .query(ReviewDesk::map)
                .optional();
    }

    private Assignment mine(long assignmentId, String reviewer) {
        return find(assignmentId)
                .filter(a -> a.reviewer().equals(reviewer))
                .orElseThrow(() -> new GrantRuleViolation("This review is not assigned to you."));
    }

    private static Assignment map(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("completed_at");
        return new Assignment(
                rs.getLong("id"),
                rs.getLong("application_id"),
                rs.getString("title"),
                rs.getString("legal_name"),
                rs.getLong("cycle_id"),
                rs.getString("reviewer"),
                AssignmentStatus.valueOf(rs.getString("status")),
                rs.getString("conflict_reason"),
                done == null ? null : done.toInstant(),
                rs.getString("overall_comment"));
    }
}
