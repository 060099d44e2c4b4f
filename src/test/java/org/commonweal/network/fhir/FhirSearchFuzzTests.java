package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzing (Jazzer) of the Plan-Net search parameters (token, string, date and period with their prefixes, reference,
 * chains such as {@code location.near} and {@code _has}, {@code near}, {@code _count}, {@code _cursor},
 * {@code _include}/{@code _revinclude}): a query {@code Type?name=value&…} either compiles to one SQL statement whose
 * every value is a bound argument PostgreSQL accepts (finite numbers, instants in its range, text without NUL), or is
 * refused with an {@link InvalidRequestException} that says why (a 400 with an OperationOutcome); never another
 * exception (a 500). Seeds under {@code FhirSearchFuzzTestsInputs/search/}: the searches of the Plan-Net API tests.
 */
class FhirSearchFuzzTests {

    private static final List<String> TYPES =
            PlanNetTables.TABLES.keySet().stream().sorted().toList();
    /** PostgreSQL's timestamp range: 4713 BC to 294276 AD. */
    private static final Instant FIRST = Instant.parse("-4712-01-01T00:00:00Z");

    private static final Instant LAST = Instant.parse("+294276-12-31T23:59:59Z");

    @FuzzTest(maxDuration = "2m")
    void search(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int q = text.indexOf('?');
        String type = q < 0 ? text : text.substring(0, q);
        if (!TYPES.contains(type)) {
            type = TYPES.get(Math.floorMod(type.hashCode(), TYPES.size()));
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : text.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, v) -> parameters.put(name, v.toArray(String[]::new)));
        DirectorySearch.Compiled compiled;
        try {
            compiled = DirectorySearch.compile(type, parameters);
        } catch (InvalidRequestException refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        assertThat(placeholders(compiled.sql()))
                .as("every value is bound, none is in the statement")
                .isEqualTo(compiled.all().size());
        assertThat(placeholders(compiled.from() + " " + compiled.where().sql()))
                .as("the count query")
                .isEqualTo(compiled.args().size());
        assertThat(compiled.count()).isBetween(1, DirectorySearch.MAX_COUNT);
        for (Object arg : compiled.all()) {
            accepted(arg);
        }
    }

    private static void accepted(Object arg) {
        switch (arg) {
            case Double d -> assertThat(d).as("a finite number").isFinite();
            case Instant t -> assertThat(t).isBetween(FIRST, LAST);
            case LocalDate d -> assertThat(d.getYear()).isBetween(-4712, 5874897);
            case String s -> assertThat(s).as("PostgreSQL text holds no NUL").doesNotContain("\u0000");
            case String[] a -> {
                for (String s : a) {
                    accepted(s);
                }
            }
            case Boolean b -> {}
            case null -> {}
            default -> throw new AssertionError("an argument of an unexpected type: " + arg.getClass());
        }
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }
}
