package org.commonweal.quality.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * CMS117 Childhood Immunization Status (qicore-2025 content, 0.3.000) written out from its CQL: the denominator
 * exclusions other than hospice, and the numerator's ten antigens. The initial population (age 2 at the period's end
 * and a qualifying visit during it) and Hospice 6.15.000 are evaluated by {@link EcqmEngine}, with the Status
 * 1.13.000 rules the measure's libraries apply (encounters arrived, triaged, in progress or on leave are performed;
 * conditions are not filtered by verification status; service orders need intent {@code order}).
 *
 * <p>Each antigen's doses are the distinct days of its immunizations (status completed, vaccine code in the vaccine
 * value set, {@code occurrence.earliest()}) and procedures (status completed, code in the "Administered" value set,
 * {@code performed.earliest()}: the start, else the end) within its window from birth: the CQL unions the two lists of
 * dates, so an immunization and a procedure on one day are one dose, and its "1 day or more after" chains need that
 * many distinct days. Windows are closed intervals of dates: 42 days old (180 for an influenza procedure) to the
 * second birthday, birth to the second birthday (hepatitis B), first to second birthday (MMR, VZV, hepatitis A), the
 * second birthday alone (LAIV). A condition counts ("history of disease", anaphylaxis, the exclusions) when the day of
 * its onset is from birth to the second birthday. Claims reach this through their lines' CPT codes (procedures),
 * ICD-10-CM diagnoses (conditions) and ICD-10-PCS codes (the newborn hepatitis B dose).
 */
final class Cms117 {

    /** The CQL's "code" declarations, by name: one-code value sets in our terminology. */
    private static final Pattern CODESYSTEM = Pattern.compile("^codesystem \"([^\"]+)\": '([^']+)'", Pattern.MULTILINE);

    private static final Pattern CODE =
            Pattern.compile("^code \"([^\"]+)\": '([^']+)' from \"([^\"]+)\"", Pattern.MULTILINE);

    static final String ESTABLISHED_99211 = "Office or other outpatient visit for the evaluation and management of an"
            + " established patient that may not require the presence of a physician or other qualified health care"
            + " professional";
    private static final String ROTAVIRUS_MONOVALENT = "rotavirus, live, monovalent vaccine";
    private static final String NEWBORN_DOSE =
            "Introduction of Serum, Toxoid and Vaccine into Muscle, Percutaneous Approach";

    /** Adds the codes the measure's CQL declares one by one, each as a value set of one code under its CQL name. */
    static void codes(Terminology terminology, Map<String, Integer> names, Path libraries) {
        String cql;
        try (var files = Files.list(libraries)) {
            var main = files.filter(f -> f.getFileName().toString().startsWith("CMS117")
                            && f.toString().endsWith(".cql"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(libraries + ": no CMS117 CQL"));
            cql = Files.readString(main);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var systems = new HashMap<String, String>();
        var m = CODESYSTEM.matcher(cql);
        while (m.find()) systems.put(m.group(1), m.group(2));
        m = CODE.matcher(cql);
        while (m.find()) {
            var system = systems.get(m.group(3));
            if (system == null) throw new IllegalStateException("CMS117: no codesystem \"" + m.group(3) + "\"");
            var key = system + "|" + m.group(2);
            names.put(m.group(1), terminology.add("urn:commonweal:code:" + key, List.of(key)));
        }
    }

    private final ToIntFunction<String> vs;
    private final MemberRecord r;
    private final Terminology terminology;
    private final int birth;
    private final int days42;
    private final int days180;
    private final int firstBirthday;
    private final int secondBirthday;

    Cms117(ToIntFunction<String> vs, MemberRecord r) {
        this.vs = vs;
        this.r = r;
        this.terminology = r.terminology();
        LocalDate born = r.birthDate;
        // only called for members in the initial population, who have a birth date
        this.birth = (int) born.toEpochDay();
        this.days42 = birth + 42;
        this.days180 = birth + 180;
        this.firstBirthday = (int) born.plusYears(1).toEpochDay();
        this.secondBirthday = (int) born.plusYears(2).toEpochDay();
    }

    /** The denominator exclusions other than Hospice's: the five conditions in the first two years. */
    boolean exclusion() {
        return condition("Severe Combined Immunodeficiency")
                || condition("Disorders of the Immune System")
                || condition("HIV")
                || condition("Malignant Neoplasm of Lymphatic and Hematopoietic Tissue")
                || condition("Intussusception");
    }

    boolean numerator() {
        return dtap()
                && polio()
                && mmr()
                && hib()
                && hepatitisB()
                && varicella()
                && pneumococcal()
                && hepatitisA()
                && rotavirus()
                && influenza();
    }

    private boolean dtap() {
        return doses("DTaP Vaccine", days42, secondBirthday, "DTaP Vaccine Administered", days42, secondBirthday).length
                        >= 4
                || condition(
                        "Anaphylactic Reaction to DTaP Vaccine",
                        "Encephalitis Due to Diphtheria, Tetanus or Pertussis Vaccine");
    }

    private boolean polio() {
        return doses(
                                        "Inactivated Polio Vaccine (IPV)",
                                        days42,
                                        secondBirthday,
                                        "Inactivated Polio Vaccine (IPV) Administered",
                                        days42,
                                        secondBirthday)
                                .length
                        >= 3
                || condition("Anaphylaxis caused by vaccine product containing human poliovirus antigen (disorder)");
    }

    private boolean mmr() {
        return doses(
                                        "Measles, Mumps and Rubella (MMR) Vaccine",
                                        firstBirthday,
                                        secondBirthday,
                                        "Measles, Mumps and Rubella (MMR) Vaccine Administered",
                                        firstBirthday,
                                        secondBirthday)
                                .length
                        >= 1
                || condition("Anaphylaxis caused by vaccine product containing Measles morbillivirus and Mumps"
                        + " orthorubulavirus and Rubella virus antigens (disorder)")
                // "Measles Indicators" unions [ConditionEncounterDiagnosis: "Measles"] with itself: any condition
                || condition("Measles") && condition("Mumps") && condition("Rubella");
    }

    /** Four distinct days when a 4-dose-schedule vaccine is among them, else three. */
    private boolean hib() {
        var three = doses(
                "Hib Vaccine (3 dose schedule)",
                days42,
                secondBirthday,
                "Hib Vaccine (3 dose schedule) Administered",
                days42,
                secondBirthday);
        var four = doses(
                "Hib Vaccine (4 dose schedule)",
                days42,
                secondBirthday,
                "Hib Vaccine (4 dose schedule) Administered",
                days42,
                secondBirthday);
        int all = union(three, four);
        return all >= (four.length > 0 ? 4 : 3)
                || condition("Anaphylaxis caused by vaccine product containing only Haemophilus influenzae type b"
                        + " antigen (disorder)");
    }

    /** Three distinct days from birth, or two after a newborn dose (ICD-10-PCS 3E0234Z in the first 7 days). */
    private boolean hepatitisB() {
        var doses = doses(
                "Hepatitis B Vaccine",
                birth,
                secondBirthday,
                "Hepatitis B Vaccine Administered",
                birth,
                secondBirthday);
        if (doses.length >= 3) return true;
        var newborn = procedureDays(vs.applyAsInt(NEWBORN_DOSE), birth, birth + 7);
        if (newborn.length > 0) {
            int first = newborn[0];
            int after = 0;
            for (int day : doses) if (day > first) after++;
            if (after >= 2) return true;
        }
        return condition(
                "Anaphylaxis caused by vaccine product containing Hepatitis B virus antigen (disorder)", "Hepatitis B");
    }

    private boolean varicella() {
        return doses(
                                        "Varicella Zoster Vaccine (VZV)",
                                        firstBirthday,
                                        secondBirthday,
                                        "Varicella Zoster Vaccine (VZV) Administered",
                                        firstBirthday,
                                        secondBirthday)
                                .length
                        >= 1
                || condition(
                        "Varicella Zoster",
                        "Anaphylaxis caused by vaccine containing Human alphaherpesvirus 3 antigen (disorder)");
    }

    private boolean pneumococcal() {
        return doses(
                                        "Pneumococcal Conjugate Vaccine",
                                        days42,
                                        secondBirthday,
                                        "Pneumococcal Conjugate Vaccine Administered",
                                        days42,
                                        secondBirthday)
                                .length
                        >= 4
                || condition(
                        "Anaphylaxis caused by vaccine product containing Streptococcus pneumoniae antigen (disorder)");
    }

    private boolean hepatitisA() {
        return doses(
                                        "Hepatitis A Vaccine",
                                        firstBirthday,
                                        secondBirthday,
                                        "Hepatitis A Vaccine Administered",
                                        firstBirthday,
                                        secondBirthday)
                                .length
                        >= 1
                || condition(
                        "Hepatitis A",
                        "Anaphylaxis caused by vaccine product containing Hepatitis A virus antigen (disorder)");
    }

    /** Three distinct days when a 3-dose-schedule vaccine is among them, else two (monovalent CVX 119). */
    private boolean rotavirus() {
        var two = doses(
                ROTAVIRUS_MONOVALENT,
                days42,
                secondBirthday,
                "Rotavirus Vaccine (2 dose schedule) Administered",
                days42,
                secondBirthday);
        var three = doses(
                "Rotavirus Vaccine (3 dose schedule)",
                days42,
                secondBirthday,
                "Rotavirus Vaccine (3 dose schedule) Administered",
                days42,
                secondBirthday);
        int all = union(two, three);
        return all >= (three.length > 0 ? 3 : 2) || condition("Anaphylaxis due to rotavirus vaccine (disorder)");
    }

    /**
     * Two distinct days (immunizations from 42 days, procedures from 180 days), or one of them and an LAIV dose on
     * the second birthday itself.
     */
    private boolean influenza() {
        var flu = doses(
                "Child Influenza Vaccine",
                days42,
                secondBirthday,
                "Child Influenza Vaccine Administered",
                days180,
                secondBirthday);
        if (flu.length >= 2) return true;
        if (flu.length >= 1
                && doses(
                                        "Influenza Virus LAIV Vaccine",
                                        secondBirthday,
                                        secondBirthday,
                                        "Influenza Virus LAIV Vaccine Administered",
                                        secondBirthday,
                                        secondBirthday)
                                .length
                        > 0) {
            return true;
        }
        return condition("Anaphylaxis caused by vaccine product containing Influenza virus antigen (disorder)");
    }

    /**
     * The distinct days (sorted) of the immunizations coded in {@code vaccine} on a day in [immunizationFrom,
     * immunizationTo] and the procedures coded in {@code administered} whose earliest day is in [procedureFrom,
     * procedureTo].
     */
    private int[] doses(
            String vaccine,
            int immunizationFrom,
            int immunizationTo,
            String administered,
            int procedureFrom,
            int procedureTo) {
        int vaccineSet = vs.applyAsInt(vaccine);
        int[] days = new int[r.immunizations + r.procedures];
        int n = 0;
        for (int i = 0; i < r.immunizations; i++) {
            int day = r.immunizationDay[i];
            if (day >= immunizationFrom && day <= immunizationTo && hasCode(r.immunizationCodes[i], vaccineSet)) {
                days[n++] = day;
            }
        }
        for (int day : procedureDays(vs.applyAsInt(administered), procedureFrom, procedureTo)) days[n++] = day;
        return distinct(days, n);
    }

    /** Distinct sorted {@code performed.earliest()} days of completed procedures in the value set within the days. */
    private int[] procedureDays(int valueSet, int from, int to) {
        int[] days = new int[r.procedures];
        int n = 0;
        for (int i = 0; i < r.procedures; i++) {
            // earliest(): the start when the interval has one, else its end (a claim line without a start date
            // is stored with an open start)
            int start = r.procedureFrom[i];
            int day = start == Integer.MIN_VALUE || start == MemberRecord.OPEN_END ? r.procedureTo[i] : start;
            if (day >= from && day <= to && terminology.in(r.procedureCode[i], valueSet)) days[n++] = day;
        }
        return distinct(days, n);
    }

    /** A condition coded in one of the value sets whose prevalence starts from birth to the second birthday. */
    private boolean condition(String... valueSets) {
        for (var name : valueSets) {
            int set = vs.applyAsInt(name);
            for (int i = 0; i < r.diagnoses; i++) {
                int onset = r.diagnosisOnset[i];
                if (onset >= birth && onset <= secondBirthday && terminology.in(r.diagnosisCode[i], set)) return true;
            }
        }
        return false;
    }

    private boolean hasCode(int[] codes, int valueSet) {
        for (int code : codes) if (terminology.in(code, valueSet)) return true;
        return false;
    }

    private static int[] distinct(int[] days, int n) {
        if (n == 0) return new int[0];
        Arrays.sort(days, 0, n);
        int k = 1;
        for (int i = 1; i < n; i++) if (days[i] != days[k - 1]) days[k++] = days[i];
        return Arrays.copyOf(days, k);
    }

    /** The number of distinct days in two sorted sets of distinct days. */
    private static int union(int[] a, int[] b) {
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || i < a.length && a[i] < b[j]) i++;
            else if (i == a.length || b[j] < a[i]) j++;
            else {
                i++;
                j++;
            }
            n++;
        }
        return n;
    }
}
