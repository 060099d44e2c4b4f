package org.commonweal.insights.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.commonweal.insights.internal.Measure;

/**
 * What a page shows, from its query parameters: a measure, a level ({@code spa} or {@code rcac}), a group
 * ({@code all} or {@code kind:value}) and a period ({@code current}, {@code month:2026-10} or {@code year:2025}).
 * Bad values are a 400 naming the parameter.
 */
record Selection(
        Measure measure, String level, String stratumKind, String stratumValue, String periodKind, LocalDate period) {

    static Selection parse(String measure, String level, String group, String period) {
        Measure m = Measure.of(measure == null || measure.isBlank() ? "members" : measure)
                .orElseThrow(() -> new BadSelection("measure: unknown measure '" + measure + "'"));
        String lvl = level == null || level.isBlank() ? "spa" : level;
        if (!lvl.equals("spa") && !lvl.equals("rcac")) {
            throw new BadSelection("level: spa or rcac, not '" + level + "'");
        }
        if (lvl.equals("rcac") && !m.regions()) {
            lvl = "spa"; // the source places records only in SPAs
        }
        String kind = "all";
        String value = "";
        if (group != null && !group.isBlank() && !group.equals("all")) {
            int colon = group.indexOf(':');
            if (colon < 1 || !m.strata().contains(group.substring(0, colon))) {
                throw new BadSelection("group: one of all, " + String.join(":…, ", m.strata())
                        + (m.strata().isEmpty() ? "" : ":…") + " for " + m.code() + ", not '" + group + "'");
            }
            kind = group.substring(0, colon);
            value = group.substring(colon + 1);
        }
        String periodKind = "current";
        LocalDate date = null;
        if (period != null && !period.isBlank() && !period.equals("current")) {
            try {
                if (period.startsWith("month:")) {
                    periodKind = "month";
                    date = YearMonth.parse(period.substring(6)).atDay(1);
                } else if (period.startsWith("year:")) {
                    periodKind = "year";
                    date = LocalDate.of(Integer.parseInt(period.substring(5)), 1, 1);
                } else {
                    throw new BadSelection("period: current, month:YYYY-MM or year:YYYY, not '" + period + "'");
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new BadSelection("period: current, month:YYYY-MM or year:YYYY, not '" + period + "'");
            }
            if (!m.trends()) {
                periodKind = "current";
                date = null;
            }
        }
        return new Selection(m, lvl, kind, value, periodKind, date);
    }

    /** The trends page's selection ({@code area} 0 = the county); an area the level does not have is a 400. */
    static Selection forTrend(String measure, String level, String group, int area, Names names) {
        Selection s = parse(measure, level, group, "current");
        if (area != 0 && names.areas(s.level()).stream().noneMatch(r -> r.number() == area)) {
            throw new BadSelection("area: no " + s.level() + " numbered " + area);
        }
        return s;
    }

    public String group() {
        return stratumKind.equals("all") ? "all" : stratumKind + ":" + stratumValue;
    }

    public String periodParam() {
        return switch (periodKind) {
            case "month" -> "month:" + YearMonth.from(period);
            case "year" -> "year:" + period.getYear();
            default -> "current";
        };
    }

    Selection withPeriod(LocalDate resolved) {
        return new Selection(measure, level, stratumKind, stratumValue, periodKind, resolved);
    }

    /** A wrong query parameter: answered with 400 and the message. */
    static class BadSelection extends org.springframework.web.server.ResponseStatusException {
        BadSelection(String message) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, message);
        }
    }
}
