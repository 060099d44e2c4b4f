package org.commonweal.grants.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.grants.lifecycle.CycleSpec;
import org.commonweal.grants.lifecycle.FieldErrors;
import org.commonweal.grants.lifecycle.ProgramSpec;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A grants officer creates and edits programs and funding cycles (with their rubric); every change is audited. */
@Component
class CatalogEditor {

    /** The form was refused; the errors name each field and why. Nothing was written. */
    static final class InvalidForm extends RuntimeException {

        final transient FieldErrors errors;

        InvalidForm(FieldErrors errors) {
            super(errors.toString());
            this.errors = errors;
        }
    }

    private final JdbcClient jdbc;
    private final GrantsCatalog catalog;
    private final GrantsAudit audit;

    CatalogEditor(JdbcClient jdbc, GrantsCatalog catalog, GrantsAudit audit) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** Creates ({@code id} null) or updates a program; returns its id. */
    @Transactional
    long saveProgram(Long id, ProgramSpec spec, String actor) {
        FieldErrors errors =
                spec.validate(new FieldErrors(), LocalDate.now(catalog.zone()).getYear());
        if (!errors.has("code") && taken("program", spec.code(), id)) {
            errors.add("code", "grants.field.codeTaken", spec.code());
        }
        if (!errors.isEmpty()) {
            throw new InvalidForm(errors);
        }
        if (id == null) {
            long created = jdbc.sql("""
                    insert into grants.program (code, name, name_es, strategy, funding_source, envelope, since_year)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            spec.code(),
                            spec.name().trim(),
                            spec.nameEs().trim(),
                            spec.strategy().trim(),
                            spec.fundingSource().trim(),
                            spec.envelope(),
                            spec.sinceYear())
                    .query(Long.class)
                    .single();
            audit.change(
                    actor,
                    AuditAction.CREATE,
                    "grant-program",
                    created,
                    "program " + spec.code() + " created, envelope " + spec.envelope());
            return created;
        }
        var before = catalog.program(id)
                .orElseThrow(() -> new org.commonweal.grants.lifecycle.GrantRuleViolation("No such program."));
        jdbc.sql("""
                update grants.program set code = ?, name = ?, name_es = ?, strategy = ?, funding_source = ?, envelope = ?,
                    since_year = ? where id = ?""")
                .params(
                        spec.code(),
                        spec.name().trim(),
                        spec.nameEs().trim(),
                        spec.strategy().trim(),
                        spec.fundingSource().trim(),
                        spec.envelope(),
                        spec.sinceYear(),
                        id)
                .update();
        audit.change(
                actor,
                AuditAction.UPDATE,
                "grant-program",
                id,
                "program " + spec.code() + " edited, envelope " + before.envelope() + " -> " + spec.envelope()
                        + ", funding source " + spec.fundingSource().trim());
        return id;
    }

    /** Creates ({@code id} null) or updates a funding cycle and replaces its rubric; returns its id. */
    @Transactional
    long saveCycle(Long id, CycleSpec spec, String actor) {
        FieldErrors errors = spec.validate(new FieldErrors());
        if (spec.programId() != null && catalog.program(spec.programId()).isEmpty()) {
            errors.add("programId", "grants.field.required");
        }
        if (!errors.has("code") && taken("funding_cycle", spec.code(), id)) {
            errors.add("code", "grants.field.codeTaken", spec.code());
        }
        if (id != null && !errors.has("rubric") && scored(id) && !same(catalog.rubric(id), spec.rubric())) {
            errors.add("rubric", "grants.field.rubricLocked");
        }
        if (!errors.isEmpty()) {
            throw new InvalidForm(errors);
        }
        List<String> questions = spec.questions().stream()
                .map(String::trim)
                .filter(q -> !q.isEmpty())
                .toList();
        Timestamp loiClosesAt =
                spec.loiClosesAt(catalog.zone()) == null ? null : Timestamp.from(spec.loiClosesAt(catalog.zone()));
        long cycleId;
        if (id == null) {
            cycleId = jdbc.sql("""
                    insert into grants.funding_cycle (program_id, code, title, title_es, summary, summary_es, opens_on,
                        closes_at, envelope, award_floor, award_ceiling, expected_awards, eligibility, questions,
                        loi_required, loi_closes_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            spec.programId(),
                            spec.code(),
                            spec.title().trim(),
                            spec.titleEs().trim(),
                            spec.summary().trim(),
                            spec.summaryEs().trim(),
                            spec.opensOn(),
                            Timestamp.from(spec.closesAt(catalog.zone())),
                            spec.envelope(),
                            spec.awardFloor(),
                            spec.awardCeiling(),
                            spec.expectedAwards(),
                            spec.eligibility().trim(),
                            questions.toArray(String[]::new),
                            spec.loiRequired(),
                            loiClosesAt)
                    .query(Long.class)
                    .single();
        } else {
            catalog.cycle(id)
                    .orElseThrow(
                            () -> new org.commonweal.grants.lifecycle.GrantRuleViolation("No such funding cycle."));
            cycleId = id;
            jdbc.sql("""
                    update grants.funding_cycle set program_id = ?, code = ?, title = ?, title_es = ?, summary = ?,
                        summary_es = ?, opens_on = ?, closes_at = ?, envelope = ?, award_floor = ?, award_ceiling = ?,
                        expected_awards = ?, eligibility = ?, questions = ?, loi_required = ?, loi_closes_at = ?
                    where id = ?""")
                    .params(
                            spec.programId(),
                            spec.code(),
                            spec.title().trim(),
                            spec.titleEs().trim(),
                            spec.summary().trim(),
                            spec.summaryEs().trim(),
                            spec.opensOn(),
                            Timestamp.from(spec.closesAt(catalog.zone())),
                            spec.envelope(),
                            spec.awardFloor(),
                            spec.awardCeiling(),
                            spec.expectedAwards(),
                            spec.eligibility().trim(),
                            questions.toArray(String[]::new),
                            spec.loiRequired(),
                            loiClosesAt,
                            id)
                    .update();
            jdbc.sql("delete from grants.rubric_criterion where cycle_id = ?")
                    .param(id)
                    .update();
        }
        for (Criterion c : spec.rubric()) {
            jdbc.sql(
                            "insert into grants.rubric_criterion (cycle_id, code, label, max_score, weight) values (?, ?, ?, ?, ?)")
                    .params(cycleId, c.code().trim(), c.label().trim(), c.maxScore(), c.weight())
                    .update();
        }
        audit.change(
                actor,
                id == null ? AuditAction.CREATE : AuditAction.UPDATE,
                "grant-cycle",
                cycleId,
                "cycle " + spec.code() + (id == null ? " created" : " edited") + ": closes "
                        + spec.closesAt(catalog.zone())
                        + ", range " + spec.awardFloor() + "-" + spec.awardCeiling() + ", envelope " + spec.envelope()
                        + ", " + spec.rubric().size() + " rubric criteria"
                        + (spec.loiRequired() ? ", letter of intent by " + spec.loiClosesAt(catalog.zone()) : ""));
        return cycleId;
    }

    private static boolean same(List<Criterion> stored, List<Criterion> entered) {
        java.util.function.Function<List<Criterion>, List<String>> key = list -> list.stream()
                .map(c -> c.code().trim() + "|" + c.label().trim() + "|" + c.maxScore() + "|"
                        + c.weight().stripTrailingZeros().toPlainString())
                .sorted()
                .toList();
        return key.apply(stored).equals(key.apply(entered));
    }

    private boolean taken(String table, String code, Long exceptId) {
        return jdbc.sql("select count(*) from grants." + table + " where code = ? and id <> ?")
                        .params(code, exceptId == null ? -1L : exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Once a reviewer has scored, the rubric is what they scored against and stays as it is. */
    private boolean scored(long cycleId) {
        return jdbc.sql("""
                select exists (select 1 from grants.review_score s join grants.review_assignment r on r.id = s.assignment_id
                join grants.application a on a.id = r.application_id where a.cycle_id = ?)""").param(cycleId).query(Boolean.class).single();
    }
}
