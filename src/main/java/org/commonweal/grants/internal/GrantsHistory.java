package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plausible history of the Community Health Investment Fund since 2000, consistent with its public figures: over
 * $105 million, over 800 projects, over 240 unique organizations; Oral Health about $12 million since 2003; Homeless
 * Health Care $20 million over five years from 2017; Tranquada rounds since 2007 of $1.4–2.1 million among 10–14
 * clinics, at most $150,000 (to 2015) or $175,000 each. Plain Java, so the plan is testable without a database.
 */
final class GrantsHistory {

    enum ProgramCode {
        CORE,
        ORAL,
        TRANQUADA,
        HHC
    }

    record HistoricAward(
            ProgramCode program, int year, LocalDate awardedOn, BigDecimal amount, int organization, int months) {}

    static final int ORGANIZATIONS = 252;
    static final BigDecimal ORAL_TOTAL = new BigDecimal("12000000");
    static final BigDecimal HHC_TOTAL = new BigDecimal("20000000");
    static final BigDecimal CORE_TOTAL = new BigDecimal("44600000");

    private GrantsHistory() {}

    /** Organization index 0..ORGANIZATIONS-1; clinics (eligible for Tranquada) are those with {@link #isClinic}. */
    static boolean isClinic(int organization) {
        return organization % 4 != 3;
    }

    static List<HistoricAward> plan(Random random, int lastYear) {
        List<HistoricAward> awards = new ArrayList<>();
        // Tranquada: one round a year since 2007, to clinics only
        for (int year = 2007; year <= lastYear - 1; year++) {
            int clinics = 10 + random.nextInt(5);
            BigDecimal cap = new BigDecimal(year <= 2015 ? "150000" : "175000");
            BigDecimal round = BigDecimal.valueOf(1_400_000 + random.nextInt(700_001));
            round = round.min(cap.multiply(BigDecimal.valueOf(clinics)).multiply(new BigDecimal("0.97")));
            List<BigDecimal> amounts = split(round, clinics, cap, random);
            LocalDate awarded = LocalDate.of(year, 6, 10 + random.nextInt(10));
            for (BigDecimal amount : amounts) {
                awards.add(new HistoricAward(ProgramCode.TRANQUADA, year, awarded, amount, clinic(random), 12));
            }
        }
        // Homeless Health Care: $20M over five years from 2017, about $4M a year
        for (int year = 2017; year <= 2021; year++) {
            List<BigDecimal> amounts = split(
                    HHC_TOTAL.divide(BigDecimal.valueOf(5)), 18 + random.nextInt(5), new BigDecimal("400000"), random);
            LocalDate awarded = LocalDate.of(year, 3, 5 + random.nextInt(20));
            for (BigDecimal amount : amounts) {
                awards.add(
                        new HistoricAward(ProgramCode.HHC, year, awarded, amount, random.nextInt(ORGANIZATIONS), 24));
            }
        }
        // Oral Health: about $12M since 2003, spread over the years
        List<BigDecimal> oral = split(ORAL_TOTAL, 84, new BigDecimal("300000"), random);
        for (int i = 0; i < oral.size(); i++) {
            int year = 2003 + i * (lastYear - 2003) / oral.size();
            awards.add(new HistoricAward(
                    ProgramCode.ORAL,
                    year,
                    LocalDate.of(year, 9, 1 + random.nextInt(25)),
                    oral.get(i),
                    clinic(random),
                    18));
        }
        // Core capacity and access grants since 2000; the first ones reach every organization at least once
        List<BigDecimal> core = split(CORE_TOTAL, 430, new BigDecimal("250000"), random);
        for (int i = 0; i < core.size(); i++) {
            int year = 2000 + i * (lastYear + 1 - 2000) / core.size();
            int organization = i < ORGANIZATIONS ? (i * 37) % ORGANIZATIONS : random.nextInt(ORGANIZATIONS);
            awards.add(new HistoricAward(
                    ProgramCode.CORE,
                    year,
                    LocalDate.of(year, 1 + random.nextInt(11), 1 + random.nextInt(28)),
                    core.get(i),
                    organization,
                    12));
        }
        return awards;
    }

    private static int clinic(Random random) {
        int o;
        do {
            o = random.nextInt(ORGANIZATIONS);
        } while (!isClinic(o));
        return o;
    }

    /** Splits {@code total} into {@code n} amounts in whole $500s, each at most {@code cap}, adding up exactly. */
    static List<BigDecimal> split(BigDecimal total, int n, BigDecimal cap, Random random) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 0.75 + random.nextDouble() * 0.5;
            sum += weights[i];
        }
        long units = total.divide(BigDecimal.valueOf(500), 0, RoundingMode.DOWN).longValue();
        long capUnits =
                cap.divide(BigDecimal.valueOf(500), 0, RoundingMode.DOWN).longValue();
        long[] parts = new long[n];
        long used = 0;
        for (int i = 0; i < n; i++) {
            parts[i] = Math.min(capUnits, Math.round(units * weights[i] / sum));
            used += parts[i];
        }
        for (int i = 0; used != units; i = (i + 1) % n) {
            if (used < units && parts[i] < capUnits) {
                parts[i]++;
                used++;
            } else if (used > units && parts[i] > 1) {
                parts[i]--;
                used--;
            }
        }
        List<BigDecimal> amounts = new ArrayList<>(n);
        for (long p : parts) {
            amounts.add(BigDecimal.valueOf(p * 500).setScale(2));
        }
        return amounts;
    }
}
