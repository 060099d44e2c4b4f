package org.commonweal.coverage.x12;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a 999 against 005010X231A1, independently of {@link Ack999Writer}: interchange and group envelope (ISA fixed
 * width, IEA/GE/SE counts and control numbers), the order of the loops (AK1, then per set AK2, IK3 with CTX and
 * IK4, IK5, then AK9), the code lists of IK304, IK403, IK501/502, AK901 and AK905…, and the AK9 counts against the
 * AK2/IK5 that precede it. Used on every 999 the tests produce.
 */
public final class Ack999Validator {

    static final Set<String> IK304 = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9");
    static final Set<String> IK403 = Set.of(
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "I10", "I11", "I12", "I13", "I6", "I9");
    static final Set<String> IK501 = Set.of("A", "E", "M", "R", "W", "X");
    static final Set<String> IK502 = Set.of(
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "15", "16", "17", "18", "19", "23",
            "24", "25", "26", "I5", "I6");
    static final Set<String> AK901 = Set.of("A", "E", "M", "P", "R", "W", "X");
    static final Set<String> AK905 = Set.of(
            "1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
            "23", "24", "25", "26");

    private Ack999Validator() {}

    /** Throws {@link AssertionError} naming the first rule the 999 breaks. */
    public static void assertValid(String text) {
        List<String> errors = validate(text);
        if (!errors.isEmpty()) {
            throw new AssertionError("invalid 999: " + errors + "\n" + text);
        }
    }

    public static List<String> validate(String text) {
        List<String> errors = new ArrayList<>();
        if (text.length() < 106 || !text.startsWith("ISA")) {
            errors.add("does not start with a 106-character ISA");
            return errors;
        }
        char element = text.charAt(3);
        char terminator = text.charAt(105);
        String sep = java.util.regex.Pattern.quote(String.valueOf(element));
        List<String[]> segs = new ArrayList<>();
        for (String s : text.split(java.util.regex.Pattern.quote(String.valueOf(terminator)))) {
            if (!s.isBlank()) {
                segs.add(s.strip().split(sep, -1));
            }
        }
        String[] isa = segs.get(0);
        if (isa.length != 17) {
            errors.add("ISA has " + (isa.length - 1) + " elements");
            return errors;
        }
        for (int i : new int[] {5, 7}) {
            if (!Set.of("01", "14", "20", "27", "28", "29", "30", "33", "ZZ").contains(isa[i])) {
                errors.add("ISA0" + i + " qualifier '" + isa[i] + "' not in the code list");
            }
        }
        if (isa[6].length() != 15 || isa[8].length() != 15 || isa[6].isBlank() || isa[8].isBlank()) {
            errors.add("ISA06/08 must be 15 characters and not blank");
        }
        if (!isa[13].matches("\\d{9}") || !isa[12].equals("00501")) {
            errors.add("ISA12/13 '" + isa[12] + "'/'" + isa[13] + "'");
        }
        if (segs.get(1)[0].equals("TA1")) {
            return validateTa1(segs, isa, errors);
        }
        int i = 1;
        String[] gs = segs.get(i++);
        if (!gs[0].equals("GS") || !gs[1].equals("FA") || !gs[8].equals("005010X231A1")) {
            errors.add("GS must be GS*FA…*005010X231A1: " + String.join("*", gs));
        }
        if (!gs[2].equals(isa[6].trim()) || !gs[3].equals(isa[8].trim())) {
            errors.add("GS02/03 differ from ISA06/08");
        }
        int sets = 0;
        while (i < segs.size() && segs.get(i)[0].equals("ST")) {
            String[] st = segs.get(i++);
            sets++;
            int start = i - 1;
            if (!st[1].equals("999") || !st[3].equals("005010X231A1")) {
                errors.add("ST must be ST*999*…*005010X231A1");
            }
            if (!segs.get(i)[0].equals("AK1") || segs.get(i).length < 4 || segs.get(i)[2].isEmpty()) {
                errors.add("AK1 with GS01, GS06 and GS08 must follow ST");
            }
            i++;
            int ak2 = 0;
            int accepted = 0;
            int refusedSets = 0;
            while (segs.get(i)[0].equals("AK2")) {
                ak2++;
                i++;
                while (segs.get(i)[0].equals("IK3")) {
                    String[] ik3 = segs.get(i++);
                    if (ik3.length < 3 || !ik3[2].matches("\\d+") || Integer.parseInt(ik3[2]) < 1) {
                        errors.add("IK302 must be a position ≥ 1: " + String.join("*", ik3));
                    }
                    if (ik3.length < 5 || !IK304.contains(ik3[4])) {
                        errors.add("IK304 not in the code list: " + String.join("*", ik3));
                    }
                    while (segs.get(i)[0].equals("CTX")) {
                        i++;
                    }
                    while (segs.get(i)[0].equals("IK4")) {
                        String[] ik4 = segs.get(i++);
                        if (ik4.length < 4 || !IK403.contains(ik4[3])) {
                            errors.add("IK403 not in the code list: " + String.join("*", ik4));
                        }
                        while (segs.get(i)[0].equals("CTX")) {
                            i++;
                        }
                    }
                }
                String[] ik5 = segs.get(i++);
                if (!ik5[0].equals("IK5") || !IK501.contains(ik5[1])) {
                    errors.add("each AK2 loop must end with IK5 A/E/M/R/W/X: " + String.join("*", ik5));
                    return errors;
                }
                for (int k = 2; k < ik5.length; k++) {
                    if (!ik5[k].isEmpty() && !IK502.contains(ik5[k])) {
                        errors.add("IK50" + k + " not in the code list: " + ik5[k]);
                    }
                }
                if (!ik5[1].equals("R") && ik5.length > 2 && ik5[1].equals("A")) {
                    errors.add("IK5*A carries no error code");
                }
                if (ik5[1].equals("A") || ik5[1].equals("E")) {
                    accepted++;
                }
                if (ik5[1].equals("R")) {
                    refusedSets++;
                    if (ik5.length < 3 || ik5[2].isEmpty()) {
                        errors.add("IK5*R needs IK502");
                    }
                }
            }
            String[] ak9 = segs.get(i++);
            if (!ak9[0].equals("AK9") || ak9.length < 5 || !AK901.contains(ak9[1])) {
                errors.add("AK9 must follow the AK2 loops: " + String.join("*", ak9));
                return errors;
            }
            int included = Integer.parseInt(ak9[2]);
            int received = Integer.parseInt(ak9[3]);
            int acceptedCount = Integer.parseInt(ak9[4]);
            boolean groupError = ak9.length > 5 && !ak9[5].isEmpty();
            if (groupError ? ak2 > received : received != ak2) {
                errors.add("AK903 " + received + " but " + ak2 + " AK2 loops (one per set read)");
            }
            if (ak2 > 0 && acceptedCount != accepted) {
                errors.add("AK904 " + acceptedCount + " but " + accepted + " sets accepted by IK5");
            }
            if (acceptedCount > received || received > included && included > 0) {
                errors.add("AK9 counts inconsistent: " + String.join("*", ak9));
            }
            if (ak9[1].equals("R") && acceptedCount != 0 || ak9[1].equals("A") && acceptedCount != received) {
                errors.add("AK901 " + ak9[1] + " disagrees with the counts");
            }
            if (ak9[1].equals("R") && !groupError && refusedSets < received) {
                errors.add("AK9*R needs an AK905 error code or every set refused");
            }
            if (ak9[1].equals("P") && (refusedSets == 0 || accepted == 0)) {
                errors.add("AK9*P needs both accepted and refused sets");
            }
            if (ak9[1].equals("E") && (refusedSets > 0 || accepted == 0)) {
                errors.add("AK9*E means every set accepted, some with errors");
            }
            for (int k = 5; k < ak9.length; k++) {
                if (!ak9[k].isEmpty() && !AK905.contains(ak9[k])) {
                    errors.add("AK90" + k + " not in the code list: " + ak9[k]);
                }
            }
            String[] se = segs.get(i++);
            if (!se[0].equals("SE") || !se[1].equals(String.valueOf(i - start)) || !se[2].equals(st[2])) {
                errors.add("SE01/SE02 wrong: " + String.join("*", se) + " (" + (i - start) + " segments)");
            }
        }
        String[] ge = segs.get(i++);
        if (!ge[0].equals("GE") || !ge[1].equals(String.valueOf(sets)) || !ge[2].equals(gs[6])) {
            errors.add("GE01/GE02 wrong: " + String.join("*", ge));
        }
        String[] iea = segs.get(i++);
        if (!iea[0].equals("IEA") || !iea[1].equals("1") || !iea[2].equals(isa[13])) {
            errors.add("IEA01/IEA02 wrong: " + String.join("*", iea));
        }
        if (i != segs.size()) {
            errors.add("segments after IEA");
        }
        return errors;
    }

    /** A TA1 interchange: ISA, TA1 (ISA13, date, time, A/E/R, note code), IEA with no group. */
    private static List<String> validateTa1(List<String[]> segs, String[] isa, List<String> errors) {
        String[] ta1 = segs.get(1);
        if (ta1.length != 6
                || !ta1[1].matches("\\d{9}")
                || !ta1[2].matches("\\d{6}")
                || !ta1[3].matches("\\d{4}")
                || !Set.of("A", "E", "R").contains(ta1[4])
                || !ta1[5].matches("0\\d\\d")) {
            errors.add("TA1 must be TA1*<ISA13>*<YYMMDD>*<HHMM>*A|E|R*<3-digit note code>");
        }
        if (segs.size() != 3
                || !segs.get(2)[0].equals("IEA")
                || !segs.get(2)[1].equals("0")
                || !segs.get(2)[2].equals(isa[13])) {
            errors.add("a TA1 interchange ends with IEA*0*<ISA13>");
        }
        return errors;
    }
}
