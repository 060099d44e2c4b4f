package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.geography.Geography;

/**
 * Fuzzing (Jazzer) of the grants history CSV (layout in docs/grants.md): every row is either handed on valid (a
 * known program, an EIN, an amount that fits {@code numeric(14, 2)}, paid no more than awarded, dates YYYY-MM-DD in
 * order, text PostgreSQL can store) or reported as "line N: field: reason" naming a column of the layout; never an
 * unchecked exception. Seeds under {@code GrantHistoryFuzzTestsInputs/history/}: the rows of
 * {@code GrantHistoryImportIntegrationTests}.
 */
class GrantHistoryFuzzTests {

    static final Map<String, Long> PROGRAMS = Map.of("CORE", 1L, "ORAL", 2L);
    private static final Pattern LOCATED = Pattern.compile("line (\\d+): (.+)", Pattern.DOTALL);
    /** numeric(14, 2): twelve digits before the point. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    @FuzzTest(maxDuration = "2m")
    void history(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        long lines = text.lines().count();
        List<String> errors = new ArrayList<>();
        List<GrantHistoryImport.Row> rows = new ArrayList<>();
        boolean read = GrantHistoryImport.read(
                new BufferedReader(new StringReader(text)),
                PROGRAMS,
                new Geography.Range(1, 8),
                errors,
                (line, row) -> rows.add(row));
        if (!read) {
            assertThat(errors).singleElement().asString().startsWith("line 1: header must be");
            return;
        }
        for (String error : errors) {
            Matcher m = LOCATED.matcher(error);
            assertThat(m.matches()).as(error).isTrue();
            assertThat(Long.parseLong(m.group(1))).as(error).isBetween(2L, Math.max(2L, lines));
            String what = m.group(2);
            assertThat(what.startsWith("expected ")
                            || GrantHistoryImport.COLUMNS.stream().anyMatch(c -> what.startsWith(c + ": ")))
                    .as("names a field: " + error)
                    .isTrue();
        }
        for (GrantHistoryImport.Row row : rows) {
            assertThat(PROGRAMS).containsValue(row.programId());
            assertThat(row.amount()).isPositive().isLessThan(MAX_AMOUNT);
            assertThat(row.amount().scale()).isLessThanOrEqualTo(2);
            assertThat(row.paid()).isNotNegative().isLessThanOrEqualTo(row.amount());
            assertThat(row.awardedOn()).isBetween(LocalDate.of(2000, 1, 1), LocalDate.now());
            assertThat(row.endsOn()).isAfterOrEqualTo(row.startsOn());
            assertThat(row.startsOn().getYear()).as("a date YYYY-MM-DD").isBetween(1, 9999);
            assertThat(row.endsOn().getYear()).as("a date YYYY-MM-DD").isBetween(1, 9999);
            assertThat(row.ein().value()).matches("\\d{2}-\\d{7}");
            if (row.spa() != null) {
                assertThat(row.spa()).isBetween(1, 8);
            }
            for (String s :
                    new String[] {row.awardNumber(), row.orgName(), row.orgType(), row.zip(), row.title(), row.status()
                    }) {
                assertThat(s).as("PostgreSQL text holds no NUL").doesNotContain("\u0000");
            }
        }
    }
}
