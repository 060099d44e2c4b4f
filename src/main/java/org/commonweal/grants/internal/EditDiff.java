package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which parts of an application a save changed, so collaborators see who edited what. */
final class EditDiff {

    private EditDiff() {}

    static List<String> changedParts(
            ApplicationDesk.Application before,
            List<ApplicationDesk.BudgetLine> budgetBefore,
            ApplicationDesk.Draft after) {
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(trim(before.title()), trim(after.title()))) {
            parts.add("title");
        }
        if (!sameAmount(before.requested(), after.requested())) {
            parts.add("requested");
        }
        int answers = Math.max(before.answers().size(), after.answers().size());
        for (int i = 0; i < answers; i++) {
            if (!Objects.equals(trim(at(before.answers(), i)), trim(at(after.answers(), i)))) {
                parts.add("answer:" + (i + 1));
            }
        }
        if (!sameBudget(budgetBefore, after.budget())) {
            parts.add("budget");
        }
        return parts;
    }

    /** The parts in words, in the reader's language: "title, answer 2, attachment budget.pdf". */
    static String describe(
            List<String> parts, org.springframework.context.MessageSource messages, java.util.Locale locale) {
        List<String> words = new ArrayList<>();
        for (String part : parts) {
            int colon = part.indexOf(':');
            String kind = colon < 0 ? part : part.substring(0, colon);
            Object[] args = colon < 0 ? new Object[0] : new Object[] {part.substring(colon + 1)};
            words.add(messages.getMessage("grants.edit." + kind, args, part, locale));
        }
        return String.join(", ", words);
    }

    private static boolean sameBudget(List<ApplicationDesk.BudgetLine> a, List<ApplicationDesk.BudgetLine> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            var x = a.get(i);
            var y = b.get(i);
            if (!Objects.equals(trim(x.category()), trim(y.category()))
                    || !Objects.equals(trim(x.description()), trim(y.description()))
                    || !sameAmount(x.amount(), y.amount())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        BigDecimal x = a == null ? BigDecimal.ZERO : a;
        BigDecimal y = b == null ? BigDecimal.ZERO : b;
        return x.compareTo(y) == 0;
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? "" : s.trim();
    }
}
