package org.commonweal.grants.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.commonweal.platform.Money;

/**
 * What a grants officer enters for a funding cycle. Deadlines are given as a date and time of the plan's zone. The rules:
 * the cycle closes after it opens; the ceiling is at least the floor and at most the envelope; the expected number of
 * awards at the floor fits the envelope; a letter-of-intent deadline is required when an LOI is, and falls before
 * the application deadline; at least one application question and one rubric criterion (unique codes, positive
 * maximum and weight).
 */
public record CycleSpec(
        Long programId,
        String code,
        String title,
        String titleEs,
        String summary,
        String summaryEs,
        LocalDate opensOn,
        LocalDate closesOn,
        LocalTime closesTime,
        BigDecimal envelope,
        BigDecimal awardFloor,
        BigDecimal awardCeiling,
        Integer expectedAwards,
        String eligibility,
        List<String> questions,
        boolean loiRequired,
        LocalDate loiClosesOn,
        LocalTime loiClosesTime,
        List<Criterion> rubric) {

    /** The deadline as an instant, the date and time read in the plan's {@code zone}. */
    public Instant closesAt(java.time.ZoneId zone) {
        return closesOn.atTime(closesTime == null ? LocalTime.of(17, 0) : closesTime)
                .atZone(zone)
                .toInstant();
    }

    public Instant loiClosesAt(java.time.ZoneId zone) {
        return loiRequired && loiClosesOn != null
                ? loiClosesOn
                        .atTime(loiClosesTime == null ? LocalTime.of(17, 0) : loiClosesTime)
                        .atZone(zone)
                        .toInstant()
                : null;
    }

    public FieldErrors validate(FieldErrors errors) {
        if (programId == null) {
            errors.add("programId", "grants.field.required");
        }
        if (ProgramSpec.blank(code)) {
            errors.add("code", "grants.field.required");
        } else if (!code.matches(ProgramSpec.CODE_PATTERN)) {
            errors.add("code", "grants.field.code");
        }
        ProgramSpec.requireText(errors, "title", title);
        ProgramSpec.requireText(errors, "titleEs", titleEs);
        ProgramSpec.requireText(errors, "summary", summary);
        ProgramSpec.requireText(errors, "summaryEs", summaryEs);
        ProgramSpec.requireText(errors, "eligibility", eligibility);
        if (opensOn == null) {
            errors.add("opensOn", "grants.field.required");
        }
        if (closesOn == null) {
            errors.add("closesOn", "grants.field.required");
        } else if (opensOn != null && closesOn.isBefore(opensOn)) {
            errors.add("closesOn", "grants.field.closesBeforeOpens", opensOn);
        }
        money(errors, envelope, "envelope");
        money(errors, awardFloor, "awardFloor");
        money(errors, awardCeiling, "awardCeiling");
        if (!errors.has("awardCeiling") && !errors.has("awardFloor") && awardCeiling.compareTo(awardFloor) < 0) {
            errors.add("awardCeiling", "grants.field.ceilingBelowFloor", Money.of(awardFloor));
        }
        if (!errors.has("awardCeiling") && !errors.has("envelope") && awardCeiling.compareTo(envelope) > 0) {
            errors.add("awardCeiling", "grants.field.ceilingAboveEnvelope", Money.of(envelope));
        }
        if (expectedAwards == null) {
            errors.add("expectedAwards", "grants.field.required");
        } else if (expectedAwards < 1) {
            errors.add("expectedAwards", "grants.field.positive");
        } else if (!errors.has("awardFloor")
                && !errors.has("envelope")
                && awardFloor.multiply(BigDecimal.valueOf(expectedAwards)).compareTo(envelope) > 0) {
            errors.add(
                    "expectedAwards",
                    "grants.field.awardsExceedEnvelope",
                    expectedAwards,
                    Money.of(awardFloor),
                    Money.of(envelope));
        }
        if (questions == null || questions.stream().allMatch(ProgramSpec::blank)) {
            errors.add("questions", "grants.field.questions");
        }
        if (loiRequired) {
            if (loiClosesOn == null) {
                errors.add("loiClosesOn", "grants.field.loiDeadline");
            } else if (closesOn != null // both are wall-clock times of one zone: compare them on any one clock
                    && !loiClosesAt(java.time.ZoneOffset.UTC).isBefore(closesAt(java.time.ZoneOffset.UTC))) {
                errors.add("loiClosesOn", "grants.field.loiAfterDeadline", closesOn);
            }
        }
        rubric(errors);
        return errors;
    }

    private void rubric(FieldErrors errors) {
        if (rubric == null || rubric.isEmpty()) {
            errors.add("rubric", "grants.field.rubricEmpty");
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rubric.size(); i++) {
            Criterion c = rubric.get(i);
            int row = i + 1;
            if (ProgramSpec.blank(c.code()) || ProgramSpec.blank(c.label())) {
                errors.add("rubric", "grants.field.rubricRowText", row);
            } else if (!codes.add(c.code())) {
                errors.add("rubric", "grants.field.rubricDuplicate", row, c.code());
            } else if (c.maxScore() < 1) {
                errors.add("rubric", "grants.field.rubricMax", row);
            } else if (c.weight() == null || c.weight().signum() <= 0) {
                errors.add("rubric", "grants.field.rubricWeight", row);
            }
        }
    }

    private static void money(FieldErrors errors, BigDecimal value, String field) {
        if (value == null) {
            errors.add(field, "grants.field.required");
        } else if (value.signum() < 0) {
            errors.add(field, "grants.field.notNegative");
        }
    }
}
