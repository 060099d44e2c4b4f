package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.commonweal.housing.HudCodes;
import org.commonweal.housing.HudCodes.DestinationClass;
import org.commonweal.housing.outcomes.RetentionRules.Retention;
import org.commonweal.housing.outcomes.RetentionRules.Stay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outcomes of the permanent housing projects (PSH, RRH, other PH) by program or by SPA: move-ins, retention at 6 and
 * 12 months, exits by destination class, returns to homelessness within 12 months of an exit to a permanent
 * destination, and the median days from project start to move-in. Counts are exact here; suppression is the view's.
 */
@Component
class OutcomeReport {

    enum GroupBy {
        PROGRAM,
        SPA
    }

    record Stay2(
            long clientId,
            String project,
            int projectType,
            Integer spa,
            LocalDate entry,
            LocalDate moveIn,
            LocalDate exit,
            Integer destination) {}

    record Row(
            String group,
            long enrolled,
            long housed,
            long retained6,
            long due6,
            long retained12,
            long due12,
            Map<DestinationClass, Long> exits,
            long returned,
            long exitsToPermanentDue,
            Long medianDaysToMoveIn) {}

    private final JdbcClient jdbc;

    OutcomeReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> rows(GroupBy groupBy, LocalDate asOf) {
        return compute(stays(asOf), groupBy, asOf);
    }

    /** Both groupings over the same stays, read once. */
    Map<GroupBy, List<Row>> both(LocalDate asOf) {
        List<Stay2> stays = stays(asOf);
        Map<GroupBy, List<Row>> both = new EnumMap<>(GroupBy.class);
        for (GroupBy g : GroupBy.values()) {
            both.put(g, compute(stays, g, asOf));
        }
        return both;
    }

    private List<Stay2> stays(LocalDate asOf) {
        return jdbc.sql("""
                select e.client_id, p.name as project, p.project_type, c.spa, e.entry_date as entry,
                       e.move_in_date as move_in, e.exit_date as exit, e.destination
                from housing.enrollment e join housing.project p on p.id = e.project_id
                join housing.client c on c.id = e.client_id
                where e.entry_date <= ?""").param(asOf).query(Stay2.class).list();
    }

    static List<Row> compute(List<Stay2> stays, GroupBy groupBy, LocalDate asOf) {
        Map<Long, List<Stay>> byClient = new HashMap<>();
        for (Stay2 s : stays) {
            byClient.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(new Stay(s.entry(), s.projectType()));
        }
        Function<Stay2, String> key =
                groupBy == GroupBy.PROGRAM ? Stay2::project : s -> s.spa() == null ? "SPA ?" : "SPA " + s.spa();
        Map<String, List<Stay2>> groups = new java.util.TreeMap<>();
        List<Stay2> housingStays = stays.stream()
                .filter(s -> HudCodes.isPermanentHousingProjectType(s.projectType()))
                .toList();
        for (Stay2 s : housingStays) {
            groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((group, list) -> rows.add(row(group, list, byClient, asOf)));
        rows.add(row("Total", housingStays, byClient, asOf));
        return rows;
    }

    private static Row row(String group, List<Stay2> stays, Map<Long, List<Stay>> byClient, LocalDate asOf) {
        long housed = 0, r6 = 0, d6 = 0, r12 = 0, d12 = 0, returned = 0, permanentDue = 0;
        Map<DestinationClass, Long> exits = new EnumMap<>(DestinationClass.class);
        for (DestinationClass c : DestinationClass.values()) {
            exits.put(c, 0L);
        }
        List<Long> days = new ArrayList<>();
        for (Stay2 s : stays) {
            if (s.moveIn() != null) {
                housed++;
                days.add(RetentionRules.daysToMoveIn(s.entry(), s.moveIn()));
            }
            Retention six = RetentionRules.atMonths(s.moveIn(), s.exit(), s.destination(), 6, asOf);
            Retention twelve = RetentionRules.atMonths(s.moveIn(), s.exit(), s.destination(), 12, asOf);
            if (six == Retention.RETAINED || six == Retention.NOT_RETAINED) {
                d6++;
                r6 += six == Retention.RETAINED ? 1 : 0;
            }
            if (twelve == Retention.RETAINED || twelve == Retention.NOT_RETAINED) {
                d12++;
                r12 += twelve == Retention.RETAINED ? 1 : 0;
            }
            if (s.exit() != null && s.destination() != null) {
                exits.merge(DestinationClass.of(s.destination()), 1L, Long::sum);
                if (DestinationClass.of(s.destination()) == DestinationClass.PERMANENT
                        && !s.exit().plusMonths(12).isAfter(asOf)) {
                    permanentDue++;
                    if (RetentionRules.returnedToHomelessness(
                            s.exit(), s.destination(), byClient.getOrDefault(s.clientId(), List.of()), 12)) {
                        returned++;
                    }
                }
            }
        }
        days.sort(Long::compare);
        Long median = days.isEmpty() ? null : days.get(days.size() / 2);
        return new Row(
                group,
                stays.size(),
                housed,
                r6,
                d6,
                r12,
                d12,
                new LinkedHashMap<>(exits),
                returned,
                permanentDue,
                median);
    }
}
