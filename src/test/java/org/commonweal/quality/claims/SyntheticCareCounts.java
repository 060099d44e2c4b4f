package org.commonweal.quality.claims;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Random;

/**
 * What {@code bench/quality/full.sh} will generate for a full data set, estimated from a small one: MEMBERS members
 * with the demo's Medi-Cal age mix ({@code DemoPeople.person}: 36 % under 19, 34 % 19–44, 20 % 45–64, 10 % 65 and
 * over; 52 % women), written by each kind of {@code generate-837} into counting sinks, then scaled to SCALE members.
 *
 * <pre>java -cp target/test-classes:target/classes:… org.commonweal.quality.claims.SyntheticCareCounts 20000 2732041</pre>
 */
public final class SyntheticCareCounts {

    /** Counts the lines and characters written. */
    static final class Counting extends Writer {
        long lines, chars;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
            for (int i = offset; i < offset + length; i++) if (buffer[i] == '\n') lines++;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        long scale = Long.parseLong(args[1]);
        var today = args.length > 2 ? LocalDate.parse(args[2]) : LocalDate.now();
        var random = new Random(2026);
        var members = new ArrayList<SyntheticClaims.Member>();
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            int age = a < 0.36
                    ? random.nextInt(19)
                    : a < 0.70 ? 19 + random.nextInt(26) : a < 0.90 ? 45 + random.nextInt(20) : 65 + random.nextInt(30);
            var born = today.minusYears(age).minusDays(random.nextInt(365));
            members.add(new SyntheticClaims.Member("LA" + i, born, random.nextDouble() < 0.52 ? "F" : "M"));
        }
        double factor = scale / (double) n;
        // full.sh's step 2: 13,450,000 visit claims for 2,732,041 active members
        int visits = (int) Math.round(n * 13_450_000.0 / 2_732_041);
        System.out.printf("%,d members (today %s), scaled x%.1f to %,d%n", n, today, factor, scale);
        for (var kind : SyntheticClaims.Kind.values()) {
            if (kind == SyntheticClaims.Kind.ALL) continue;
            var x12 = new Counting();
            var labs = new Counting();
            var immunizations = new Counting();
            var fhir = new Counting();
            long lines = new SyntheticClaims(21, 2026, today)
                    .write(members, visits, kind, x12, new SyntheticCare.Sinks(labs, immunizations, fhir));
            System.out.printf(
                    "%-14s service lines %,12.0f | lab lines %,11.0f | immunization lines %,11.0f | FHIR resources %,11.0f"
                            + " | 837 %,6.0f MB, NDJSON %,6.0f MB%n",
                    kind,
                    lines * factor,
                    Math.max(0, labs.lines - 1) * factor,
                    Math.max(0, immunizations.lines - 1) * factor,
                    fhir.lines * factor,
                    x12.chars * factor / 1e6,
                    fhir.chars * factor / 1e6);
        }
    }
}
