package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The audit's own simplex checked against the ready-made solver it replaced (ojAlgo, through the tests' attacker): on
 * random tables with every margin and random masks, the largest value of each masked count, asked one after another of
 * one warm-started tableau, is the one ojAlgo finds from scratch; every point it stops at satisfies the relations.
 */
class LinkedTableauTests {

    @Test
    void eachMaximumIsTheReadyMadeSolversOneAskedOneAfterAnother() {
        var random = new Random(6);
        int questions = 0;
        for (int t = 0; t < 12; t++) {
            int months = 3 + random.nextInt(5);
            int areas = 2 + random.nextInt(3);
            int groups = 2 + random.nextInt(4);
            var p = new Publication();
            var attacker = new LinearAttacker();
            long[][][] v = new long[months + 1][areas + 1][groups + 1];
            for (int mo = 0; mo < months; mo++) {
                for (int a = 0; a < areas; a++) {
                    for (int g = 0; g < groups; g++) {
                        int kind = random.nextInt(10);
                        v[mo][a][g] = kind < 2 ? 0 : kind < 5 ? 1 + random.nextInt(10) : 11 + random.nextInt(90);
                    }
                }
            }
            for (int mo = 0; mo <= months; mo++) {
                for (int a = 0; a <= areas; a++) {
                    for (int g = 0; g <= groups; g++) {
                        if (mo == months || a == areas || g == groups) {
                            long sum = 0;
                            for (int i = 0; i < months; i++) {
                                for (int j = 0; j < areas; j++) {
                                    for (int k = 0; k < groups; k++) {
                                        if ((mo == months || i == mo)
                                                && (a == areas || j == a)
                                                && (g == groups || k == g)) {
                                            sum += v[i][j][k];
                                        }
                                    }
                                }
                            }
                            v[mo][a][g] = sum;
                        }
                    }
                }
            }
            List<String> names = new ArrayList<>();
            BitSet masked = new BitSet();
            for (int mo = 0; mo <= months; mo++) {
                for (int a = 0; a <= areas; a++) {
                    for (int g = 0; g <= groups; g++) {
                        String n = mo + ":" + a + ":" + g;
                        p.count(n, v[mo][a][g]);
                        // about a third of the non-zero counts masked, margins included
                        boolean hide = v[mo][a][g] > 0 && random.nextInt(3) == 0;
                        if (hide) {
                            masked.set(names.size());
                        }
                        attacker.read(n, hide ? CellSuppression.MASK : Long.toString(v[mo][a][g]));
                        names.add(n);
                    }
                }
            }
            for (int mo = 0; mo <= months; mo++) {
                for (int a = 0; a <= areas; a++) {
                    relate(p, attacker, mo + ":" + a + ":" + groups, mo + ":" + a + ":", "", groups);
                }
                for (int g = 0; g <= groups; g++) {
                    List<String> parts = new ArrayList<>();
                    for (int a = 0; a < areas; a++) {
                        parts.add(mo + ":" + a + ":" + g);
                    }
                    p.sum(mo + ":" + areas + ":" + g, parts);
                    attacker.sum(mo + ":" + areas + ":" + g, parts);
                }
            }
            for (int a = 0; a <= areas; a++) {
                for (int g = 0; g <= groups; g++) {
                    List<String> parts = new ArrayList<>();
                    for (int mo = 0; mo < months; mo++) {
                        parts.add(mo + ":" + a + ":" + g);
                    }
                    p.sum(months + ":" + a + ":" + g, parts);
                    attacker.sum(months + ":" + a + ":" + g, parts);
                }
            }
            double cap = 1e7;
            var tableau = new LinkedTableau(p, masked, masked, cap, false);
            for (int j = 0; j < tableau.cells.length; j++) {
                String name = names.get(tableau.cells[j]);
                double mine = tableau.maximise(j, Double.POSITIVE_INFINITY, 100_000);
                double theirs = Math.min(cap, attacker.interval(name).high());
                assertThat(mine).as("table %d, largest value of %s", t, name).isCloseTo(theirs, within(1e-6));
                assertThat(tableau.verified()).as("the point it stopped at").isTrue();
                questions++;
            }
        }
        System.out.printf("disclosure: %d maxima of the own simplex equal ojAlgo's%n", questions);
        assertThat(questions).isGreaterThan(200);
    }

    @Test
    void itStopsAsSoonAsTheCellReachesWhatIsAsked() {
        // a row of three parts and its total, two parts masked: the 6 can rise to 6 + 12 - 1 = 17
        var p = new Publication()
                .count("a", 6)
                .count("b", 12)
                .count("c", 40)
                .count("t", 58)
                .sum("t", "a", "b", "c");
        BitSet masked = new BitSet();
        masked.set(0);
        masked.set(1);
        var tableau = new LinkedTableau(p, masked, masked, 1e7, false);
        // asked for 11, it stops after the step that reaches 11 (here the one step to 17), not at the maximum
        assertThat(tableau.maximise(tableau.column(0), 11, 100)).isGreaterThanOrEqualTo(11);
        assertThat(tableau.maximise(tableau.column(0), Double.POSITIVE_INFINITY, 100))
                .isCloseTo(17, within(1e-9));
        assertThat(tableau.verified()).isTrue();
        // held to at most 12, the other part cannot lend the 6 more than it has
        var capped = new LinkedTableau(p, masked, masked, 12, false);
        assertThat(capped.maximise(capped.column(0), Double.POSITIVE_INFINITY, 100))
                .isCloseTo(12, within(1e-9));
    }

    private static void relate(
            Publication p, LinearAttacker attacker, String total, String prefix, String suffix, int n) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            parts.add(prefix + k + suffix);
        }
        p.sum(total, parts);
        attacker.sum(total, parts);
    }
}
