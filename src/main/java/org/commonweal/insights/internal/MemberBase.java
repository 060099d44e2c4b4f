package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Members as the denominator of the other families' rates, from the stored members figures (so a centers refresh does
 * not scan the members again): per place and group the current count, the count on each month's first day and the
 * yearly average, so a group's monthly and yearly rates have the members of that group as denominator.
 */
final class MemberBase {

    private final Map<String, BigDecimal> members = new HashMap<>();

    MemberBase(List<Figure> memberFigures) {
        for (Figure f : memberFigures) {
            members.put(
                    key(
                            f.level(),
                            f.area(),
                            f.stratumKind(),
                            f.stratumValue(),
                            f.periodKind(),
                            f.periodKind().equals("current") ? "" : f.period().toString()),
                    f.numerator());
        }
    }

    BigDecimal of(Aggregation.Key k) {
        return members.get(key(
                k.level(),
                k.area(),
                k.stratumKind(),
                k.stratumValue(),
                k.periodKind(),
                k.periodKind().equals("current") ? "" : k.period().toString()));
    }

    private static String key(String level, int area, String kind, String value, String periodKind, String period) {
        return level + '|' + area + '|' + kind + '|' + value + '|' + periodKind + '|' + period;
    }
}
