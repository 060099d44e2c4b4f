package org.commonweal.housing.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.housing.HudCodes.DestinationClass;
import org.commonweal.housing.outcomes.OutcomeReport.GroupBy;
import org.commonweal.housing.outcomes.OutcomeReport.Row;
import org.commonweal.platform.CellSuppression;
import org.junit.jupiter.api.Test;

/**
 * #19: the outcome tables' masks are decided once per set of figures and kept under a digest of every count of the
 * publication (both groupings), so a view of the same figures reuses them and a view of other figures never gets them.
 */
class OutcomeMasksTests {

    private static final List<String> COLUMNS =
            List.of("enrolled", "housed", "exit:HOMELESS", "exit:INSTITUTIONAL", "exit:TEMPORARY", "exit:PERMANENT");

    @Test
    void theSameFiguresReuseTheirMasksAndOtherFiguresGetTheirOwn() {
        var masks = new OutcomeMasks();
        var before = figures(4);
        var first = masks.masking(GroupBy.SPA, before, true);
        assertThat(masks.decided()).isEqualTo(1);
        assertThat(masks.masking(GroupBy.SPA, figures(4), true))
                .as("the same figures, read again")
                .isSameAs(first);
        assertThat(masks.decided()).isEqualTo(1);
        assertSameAsTheRule(first, GroupBy.SPA, before);
        assertThat(first.count(List.of(GroupBy.SPA, "SPA 1", "enrolled"))).isEqualTo(CellSuppression.MASK);

        // SPA 1 grows from 4 to 40 stays (and program A with it): the kept masks are not this publication's
        var after = figures(40);
        var second = masks.masking(GroupBy.SPA, after, true);
        assertThat(masks.decided()).isEqualTo(2);
        assertSameAsTheRule(second, GroupBy.SPA, after);
        assertThat(second.count(List.of(GroupBy.SPA, "SPA 1", "enrolled"))).isEqualTo("40");

        // the other grouping is a publication of its own (its keys), decided once too
        var byProgram = masks.masking(GroupBy.PROGRAM, after, true);
        assertThat(masks.decided()).isEqualTo(3);
        assertSameAsTheRule(byProgram, GroupBy.PROGRAM, after);
        assertThat(masks.masking(GroupBy.SPA, before, true))
                .as("the earlier figures are still kept")
                .isSameAs(first);
        assertThat(masks.decided()).isEqualTo(3);
    }

    @Test
    void aViewerWhoSeesCountsKeepsNothing() {
        var masks = new OutcomeMasks();
        var m = masks.masking(GroupBy.SPA, figures(4), false);
        assertThat(m.count(List.of(GroupBy.SPA, "SPA 1", "enrolled"))).isEqualTo("4");
        assertThat(masks.decided()).isZero();
    }

    @Test
    void theDigestNamesEveryCountAndTheGroupingShown() {
        var figures = figures(4);
        String digest = OutcomeMasks.digest(GroupBy.SPA, figures);
        assertThat(OutcomeMasks.digest(GroupBy.SPA, figures(4))).isEqualTo(digest);
        assertThat(OutcomeMasks.digest(GroupBy.PROGRAM, figures)).isNotEqualTo(digest);
        assertThat(OutcomeMasks.digest(GroupBy.SPA, figures(5))).isNotEqualTo(digest);
        // other exits in one SPA
        var moved = figures(4);
        var spa2 = moved.get(GroupBy.SPA).get(1);
        moved.get(GroupBy.SPA).set(1, row(spa2.group(), spa2.enrolled(), spa2.housed(), 3, 5, 6, 12));
        assertThat(OutcomeMasks.digest(GroupBy.SPA, moved)).isNotEqualTo(digest);
    }

    /** The kept masks are exactly the rule's decision over the publication of these figures. */
    private static void assertSameAsTheRule(
            CellSuppression.Masking kept, GroupBy shown, Map<GroupBy, List<Row>> figures) {
        var fresh = CellSuppression.apply(OutcomeMasks.publication(shown, figures), true);
        for (var e : figures.entrySet()) {
            for (Row r : e.getValue()) {
                for (String column : COLUMNS) {
                    var key = List.of(e.getKey(), r.group(), column);
                    assertThat(kept.count(key)).as("%s", key).isEqualTo(fresh.count(key));
                }
            }
        }
    }

    /** Two programs and three SPAs over the same stays; SPA 1 (all in program A) has {@code spa1} stays. */
    private static Map<GroupBy, List<Row>> figures(int spa1) {
        Map<GroupBy, List<Row>> both = new EnumMap<>(GroupBy.class);
        both.put(
                GroupBy.SPA,
                new java.util.ArrayList<>(List.of(
                        row("SPA 1", spa1, spa1, 0, 0, 0, 0),
                        row("SPA 2", 60, 50, 4, 6, 7, 12),
                        row("SPA 3", 45, 40, 3, 2, 9, 8),
                        row("Total", 105 + spa1, 90 + spa1, 7, 8, 16, 20))));
        both.put(
                GroupBy.PROGRAM,
                new java.util.ArrayList<>(List.of(
                        row("A", 60 + spa1, 52 + spa1, 4, 3, 8, 10),
                        row("B", 45, 38, 3, 5, 8, 10),
                        row("Total", 105 + spa1, 90 + spa1, 7, 8, 16, 20))));
        return both;
    }

    private static Row row(
            String group,
            long enrolled,
            long housed,
            long homeless,
            long institutional,
            long temporary,
            long permanent) {
        Map<DestinationClass, Long> exits = new LinkedHashMap<>();
        exits.put(DestinationClass.HOMELESS, homeless);
        exits.put(DestinationClass.INSTITUTIONAL, institutional);
        exits.put(DestinationClass.TEMPORARY, temporary);
        exits.put(DestinationClass.PERMANENT, permanent);
        exits.put(DestinationClass.OTHER, 0L);
        return new Row(group, enrolled, housed, 0, 0, 0, 0, exits, 0, 0, null);
    }
}
