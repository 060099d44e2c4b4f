package org.commonweal.shell;

import java.util.List;
import java.util.Set;

/**
 * What needs a staff member today, from one module: the home page of a signed-in staff member lists the items of
 * every source for their roles ("what is due, what is waiting"), each with a count and a link to act on it. A module
 * contributes a bean; the shell knows no module's tables.
 */
public interface TodaySource {

    /** The items for a person with these roles (role names, e.g. {@code MEMBER_SERVICES}); empty when none apply. */
    List<TodayItem> today(Set<String> roles, String username);

    /**
     * One line of the today list: {@code messageKey} takes {@code count} as {0} and {@code detail} as {1} (a {@code LocalDate} is written as a date in the page's language).
     *
     * @param urgent overdue or past a deadline: shown first and marked
     */
    record TodayItem(String messageKey, long count, Object detail, String href, boolean urgent) {}
}
