package org.commonweal.quality.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CMS117 in our engine on hand-written claims, each case read from the measure's CQL (qicore-2025 0.3.000) and its
 * value sets: a child born 15 March 2024 with a preventive visit in 2026 and every antigen's doses as CPT
 * administration codes, then one change at a time on the edges the CQL defines (distinct days, 42/180 days old, the
 * first and second birthdays, the newborn hepatitis B dose in the first week, the 4-dose Hib and 3-dose rotavirus
 * schedules, history of disease, the exclusions' first two years).
 */
class Cms117Tests {

    static final LocalDate BORN = LocalDate.of(2024, 3, 15);
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static EcqmEngine engine;

    @BeforeAll
    static void load() {
        engine = PublishedMeasureContent.engine();
    }

    /** A claim line on {@code days} after birth, or a diagnosis / ICD-10-PCS code on that day. */
    record Entry(int days, String cpt, String diagnosis, String pcs) {}

    static Entry dose(int days, String cpt) {
        return new Entry(days, cpt, null, null);
    }

    /** Every antigen complete: DTaP ×4, IPV ×3, Hib (3-dose) ×3, HepB ×3, PCV ×4, rotavirus (2-dose) ×2, flu ×2,
     * MMR, VZV and HepA on and after the first birthday. */
    static List<Entry> complete() {
        var doses = new ArrayList<Entry>();
        for (int d : new int[] {60, 120, 180, 450}) doses.add(dose(d, "90700"));
        for (int d : new int[] {60, 120, 180}) doses.add(dose(d, "90713"));
        for (int d : new int[] {60, 120, 400}) doses.add(dose(d, "90647"));
        for (int d : new int[] {0, 60, 180}) doses.add(dose(d, "90744"));
        for (int d : new int[] {60, 120, 180, 400}) doses.add(dose(d, "90670"));
        for (int d : new int[] {60, 120}) doses.add(dose(d, "90681"));
        for (int d : new int[] {200, 240}) doses.add(dose(d, "90686"));
        doses.add(dose(366, "90707")); // first birthday: 15 March 2025 is day 365
        doses.add(dose(370, "90716"));
        doses.add(dose(400, "90633"));
        return doses;
    }

    static String evaluate(LocalDate born, List<Entry> entries) {
        var record = engine.record("K1", born, "F", false);
        var visit = LocalDate.of(2026, 4, 1);
        claim(record, visit, "99392", null, null);
        for (var e : entries) claim(record, born.plusDays(e.days()), e.cpt(), e.diagnosis(), e.pcs());
        var p = engine.evaluate("CMS117", record, START, END);
        if (!p.in("initial-population")) return "out";
        if (p.in("denominator-exclusion")) return "excluded";
        return p.in("numerator") ? "met" : "not met";
    }

    static void claim(MemberRecord record, LocalDate day, String cpt, String diagnosis, String pcs) {
        record.claim(
                day,
                day,
                new String[] {cpt == null ? "99999" : cpt},
                new LocalDate[] {day},
                new LocalDate[] {day},
                diagnosis == null ? List.of() : List.of(diagnosis),
                pcs == null ? List.of() : List.of(pcs));
    }

    static String with(Consumer<List<Entry>> change) {
        var entries = complete();
        change.accept(entries);
        return evaluate(BORN, entries);
    }

    static void replace(List<Entry> entries, String cpt, int days, Entry by) {
        entries.removeIf(e -> cpt.equals(e.cpt()) && e.days() == days);
        if (by != null) entries.add(by);
    }

    @Test
    void everyAntigenCompleteMeetsTheNumerator() {
        assertThat(evaluate(BORN, complete())).isEqualTo("met");
    }

    @Test
    void theInitialPopulationIsTwoYearOldsWithAVisit() {
        assertThat(evaluate(BORN.minusYears(1), complete())).isEqualTo("out");
        assertThat(evaluate(BORN.plusYears(1), complete())).isEqualTo("out");
        var record = engine.record("K2", BORN, "F", false);
        claim(record, LocalDate.of(2025, 12, 31), "99392", null, null); // before the period
        assertThat(engine.evaluate("CMS117", record, START, END).in("initial-population"))
                .isFalse();
        claim(record, LocalDate.of(2026, 12, 31), "99211", null, null); // the CQL's one code, on the last day
        assertThat(engine.evaluate("CMS117", record, START, END).in("initial-population"))
                .isTrue();
    }

    @Test
    void twoDosesOnOneDayAreOneDose() {
        assertThat(with(e -> replace(e, "90700", 450, dose(180, "90700")))).isEqualTo("not met");
        // DTaP also counted from a combination code on a fourth day
        assertThat(with(e -> replace(e, "90700", 450, dose(450, "90698")))).isEqualTo("met");
    }

    @Test
    void dosesCountFrom42DaysOldToTheSecondBirthday() {
        assertThat(with(e -> replace(e, "90700", 60, dose(41, "90700")))).isEqualTo("not met");
        assertThat(with(e -> replace(e, "90700", 60, dose(42, "90700")))).isEqualTo("met");
        int second = (int) java.time.temporal.ChronoUnit.DAYS.between(BORN, BORN.plusYears(2));
        assertThat(with(e -> replace(e, "90700", 450, dose(second, "90700")))).isEqualTo("met");
        assertThat(with(e -> replace(e, "90700", 450, dose(second + 1, "90700"))))
                .isEqualTo("not met");
    }

    @Test
    void mmrFromTheFirstBirthdayOrMeaslesMumpsAndRubella() {
        assertThat(with(e -> replace(e, "90707", 366, dose(364, "90707")))).isEqualTo("not met");
        assertThat(with(e -> replace(e, "90707", 366, dose(365, "90707")))).isEqualTo("met");
        assertThat(with(e -> {
                    replace(e, "90707", 366, new Entry(300, null, "B05.9", null));
                    e.add(new Entry(301, null, "B26.9", null));
                }))
                .as("measles and mumps without rubella")
                .isEqualTo("not met");
        assertThat(with(e -> {
                    replace(e, "90707", 366, new Entry(300, null, "B05.9", null));
                    e.add(new Entry(301, null, "B26.9", null));
                    e.add(new Entry(302, null, "B06.9", null));
                }))
                .isEqualTo("met");
    }

    @Test
    void hibNeedsFourDaysWhenAFourDoseVaccineIsAmongThem() {
        assertThat(with(e -> replace(e, "90647", 400, dose(400, "90644")))).isEqualTo("not met");
        assertThat(with(e -> {
                    replace(e, "90647", 400, dose(400, "90644"));
                    e.add(dose(450, "90647"));
                }))
                .isEqualTo("met");
    }

    @Test
    void rotavirusNeedsThreeDaysWhenAThreeDoseVaccineIsAmongThem() {
        assertThat(with(e -> replace(e, "90681", 120, dose(120, "90680")))).isEqualTo("not met");
        assertThat(with(e -> {
                    replace(e, "90681", 120, dose(120, "90680"));
                    e.add(dose(180, "90680"));
                }))
                .isEqualTo("met");
    }

    @Test
    void hepatitisBTwoDosesAfterTheNewbornDoseInTheFirstWeek() {
        assertThat(with(e -> replace(e, "90744", 0, null))).isEqualTo("not met");
        assertThat(with(e -> replace(e, "90744", 0, new Entry(7, null, null, "3E0234Z"))))
                .isEqualTo("met");
        assertThat(with(e -> replace(e, "90744", 0, new Entry(8, null, null, "3E0234Z"))))
                .isEqualTo("not met");
        assertThat(with(e -> replace(e, "90744", 0, new Entry(5, null, "B16.9", null))))
                .as("hepatitis B itself")
                .isEqualTo("met");
    }

    @Test
    void influenzaProceduresCountFrom180DaysOld() {
        assertThat(with(e -> replace(e, "90686", 200, dose(179, "90686")))).isEqualTo("not met");
        assertThat(with(e -> replace(e, "90686", 200, dose(180, "90686")))).isEqualTo("met");
        int second = (int) java.time.temporal.ChronoUnit.DAYS.between(BORN, BORN.plusYears(2));
        assertThat(with(e -> replace(e, "90686", 200, dose(second, "90660"))))
                .as("one flu dose and LAIV on the second birthday")
                .isEqualTo("met");
        assertThat(with(e -> replace(e, "90686", 200, dose(second - 1, "90660"))))
                .isEqualTo("not met");
    }

    @Test
    void exclusionsStartInTheFirstTwoYears() {
        int second = (int) java.time.temporal.ChronoUnit.DAYS.between(BORN, BORN.plusYears(2));
        assertThat(with(e -> e.add(new Entry(second, null, "B20", null)))).isEqualTo("excluded");
        assertThat(with(e -> e.add(new Entry(second + 1, null, "B20", null)))).isEqualTo("met");
        assertThat(with(e -> e.add(new Entry(-1, null, "B20", null)))).isEqualTo("met");
    }
}
