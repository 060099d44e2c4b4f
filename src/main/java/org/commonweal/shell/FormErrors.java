package org.commonweal.shell;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The errors of one submitted form, already in the page's language and naming each field in words: the shared
 * templates {@code shell/forms :: summary} and {@code shell/forms :: error(field)} show them at the top (with links)
 * and next to each field (the GOV.UK Design System error pattern).
 *
 * @param problems every problem at once, in the order of the form
 * @param submitted every value as it was submitted, so the page can show the form again as it was filled in
 */
public record FormErrors(List<Problem> problems, Map<String, String> submitted) {

    /**
     * One problem.
     *
     * @param field the form field's name ({@code null} for a problem of the whole form)
     * @param inputId the id of the input the summary links to
     * @param message what is wrong and what to do, naming the field
     * @param typed what was typed, as typed (a number box holding "twelve" comes back with "twelve")
     */
    public record Problem(String field, String inputId, String message, String typed) {}

    public static FormErrors none() {
        return new FormErrors(List.of(), Map.of());
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public boolean has(String field) {
        return problems.stream().anyMatch(p -> field.equals(p.field()));
    }

    /** The first message of a field, or null (for {@code th:if}). */
    public String message(String field) {
        return first(field).map(Problem::message).orElse(null);
    }

    /** What was submitted in a field (any field, with an error or not), or null when nothing was. */
    public String value(String field) {
        return submitted.get(field);
    }

    /** What was typed in a field with an error, or null: for inputs whose value could not be bound (numbers, dates). */
    public String typed(String field) {
        return first(field).map(Problem::typed).orElse(null);
    }

    private Optional<Problem> first(String field) {
        return problems.stream().filter(p -> field.equals(p.field())).findFirst();
    }
}
