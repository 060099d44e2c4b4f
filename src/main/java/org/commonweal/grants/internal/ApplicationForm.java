package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.platform.Money;
import org.commonweal.shell.FieldChecks;
import org.springframework.validation.Errors;

/**
 * The grantee's application form as typed (#18): checked before anything is saved, every problem at once, each on
 * the field it belongs to (the field is the input's id: {@code a-title}, {@code a-answer-2}, {@code b-amount-0}, …),
 * so the page comes back with what was typed and the shared error summary links to each field. Submitting adds the
 * rules of a complete application (the cycle's range, every question answered, the budget equal to the request),
 * which {@link ApplicationDesk#submit} enforces again on what was saved.
 *
 * @param budget every budget row of the form in order, blank rows included (their index is the input's)
 */
record ApplicationForm(String title, String requested, List<String> answers, List<Line> budget) {

    static final int TITLE_MAX = 300;
    static final int ANSWER_MAX = 4000;
    static final int CATEGORY_MAX = 100;
    static final int DESCRIPTION_MAX = 500;

    /** A budget row as typed. */
    record Line(String category, String description, String amount) {

        boolean blank() {
            return empty(category) && empty(description) && empty(amount);
        }
    }

    static ApplicationForm of(
            String title,
            String requested,
            List<String> answers,
            List<String> categories,
            List<String> descriptions,
            List<String> amounts) {
        List<Line> budget = new ArrayList<>();
        int rows = Math.max(size(categories), Math.max(size(descriptions), size(amounts)));
        for (int i = 0; i < rows; i++) {
            budget.add(new Line(at(categories, i), at(descriptions, i), at(amounts, i)));
        }
        return new ApplicationForm(title, requested, answers == null ? List.of() : answers, budget);
    }

    void check(Errors errors, GrantsCatalog.Cycle cycle, boolean submitting) {
        if (empty(title)) {
            FieldChecks.reject(errors, "a-title", "NotBlank");
        } else if (title.strip().length() > TITLE_MAX) {
            FieldChecks.reject(errors, "a-title", "Size", TITLE_MAX);
        }
        BigDecimal amount = amount(errors, "a-requested", requested);
        for (int i = 0;
                i < Math.max(answers.size(), submitting ? cycle.questions().size() : 0);
                i++) {
            String answer = i < answers.size() ? answers.get(i) : null;
            if (answer != null && answer.length() > ANSWER_MAX) {
                FieldChecks.reject(errors, "a-answer-" + i, "Size", ANSWER_MAX);
            } else if (submitting && i < cycle.questions().size() && empty(answer)) {
                FieldChecks.reject(errors, "a-answer-" + i, "grants.application.error.unanswered");
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        boolean amountsRead = true;
        for (int i = 0; i < budget.size(); i++) {
            Line line = budget.get(i);
            if (line.category() != null && line.category().strip().length() > CATEGORY_MAX) {
                FieldChecks.reject(errors, "b-category-" + i, "Size", CATEGORY_MAX);
            }
            if (line.description() != null && line.description().strip().length() > DESCRIPTION_MAX) {
                FieldChecks.reject(errors, "b-description-" + i, "Size", DESCRIPTION_MAX);
            }
            if (!line.blank()) {
                BigDecimal lineAmount = amount(errors, "b-amount-" + i, line.amount());
                amountsRead &= !errors.hasFieldErrors("b-amount-" + i);
                total = total.add(lineAmount == null ? BigDecimal.ZERO : lineAmount);
            }
        }
        if (!submitting || errors.hasFieldErrors("a-requested")) {
            return;
        }
        if (amount == null || amount.compareTo(cycle.awardFloor()) < 0 || amount.compareTo(cycle.awardCeiling()) > 0) {
            FieldChecks.reject(
                    errors,
                    "a-requested",
                    "grants.application.error.range",
                    Money.of(cycle.awardFloor()),
                    Money.of(cycle.awardCeiling()));
        } else if (amountsRead && total.compareTo(amount) != 0) {
            FieldChecks.reject(
                    errors, "budget-table", "grants.application.error.budget", Money.of(total), Money.of(amount));
        }
    }

    /** The draft to save; call after {@link #check} found nothing. */
    ApplicationDesk.Draft draft() {
        List<ApplicationDesk.BudgetLine> lines = budget.stream()
                .filter(line -> !line.blank())
                .map(line -> new ApplicationDesk.BudgetLine(
                        strip(line.category()),
                        strip(line.description()),
                        empty(line.amount()) ? BigDecimal.ZERO : parse(line.amount())))
                .toList();
        return new ApplicationDesk.Draft(title, empty(requested) ? null : parse(requested), answers, lines);
    }

    /** A money amount in figures ("1,500.00" and "$1500" read as 1500), or null when empty or not a number. */
    private static BigDecimal amount(Errors errors, String field, String typed) {
        if (empty(typed)) {
            return null;
        }
        BigDecimal value;
        try {
            value = parse(typed);
        } catch (NumberFormatException e) {
            FieldChecks.reject(errors, field, "typeMismatch.java.math.BigDecimal");
            return null;
        }
        if (value.signum() < 0) {
            FieldChecks.reject(errors, field, "grants.application.error.negative");
        } else if (value.scale() > 2 || value.precision() - value.scale() > 12) {
            FieldChecks.reject(errors, field, "Digits", 2, 12);
        }
        return value;
    }

    private static BigDecimal parse(String typed) {
        return new BigDecimal(typed.strip().replace(",", "").replace("$", ""));
    }

    private static boolean empty(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : "";
    }
}
