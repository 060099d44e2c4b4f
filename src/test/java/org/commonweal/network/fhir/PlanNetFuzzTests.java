package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonweal.network.imports.ImportProblem;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * Fuzzing (Jazzer) of the Plan-Net import's reading: the same bytes as an NDJSON file (a resource a line) and as a
 * JSON file (a Bundle or one resource), through the strict HAPI parser and the mapping to the read model's rows. Each
 * resource is either accepted (an id, a row, references as {@code Type/id}, kept JSON that reads back as the same
 * type, text PostgreSQL can store) or reported with its line or entry, a field and a reason; never an unchecked
 * exception, which would stop the whole import. Seeds under {@code PlanNetFuzzTestsInputs/resources/}: examples of
 * the Plan-Net implementation guide 1.1.0 ({@code shared/fhir}) and the NDJSON of the directory tests.
 */
class PlanNetFuzzTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @FuzzTest(maxDuration = "2m")
    void resources(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        List<PlanNetImport.Parsed> parsed = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        PlanNetImport.readNdjson(parser, "fuzz.ndjson", new BufferedReader(new StringReader(text)), parsed, problems);
        PlanNetImport.readJson(parser, "fuzz.json", text, parsed, problems);
        for (PlanNetImport.Parsed p : parsed) {
            assertThat(p.resource().getIdPart()).isNotNull();
            int before = problems.size();
            Map<String, Object> row = PlanNetImport.row(p, problems);
            if (row == null) {
                assertThat(problems).as("a rejected resource is reported").hasSize(before + 1);
                continue;
            }
            assertThat(row.get("id")).isEqualTo(p.resource().getIdPart());
            assertThat(PlanNetTables.table(p.resource().fhirType())).isPresent();
            for (var ref : PlanNetRows.references(p.resource())) {
                assertThat(ref.target()).contains("/");
                assertThat(ref.path()).isNotBlank();
            }
            FHIR.newTerser()
                    .getAllPopulatedChildElementsOfType(p.resource(), PrimitiveType.class)
                    .forEach(v -> assertThat(String.valueOf(v.getValueAsString()))
                            .as("PostgreSQL text and jsonb hold no NUL")
                            .doesNotContain("\u0000"));
            String kept = ResourcesAsReceived.keep(p.resource());
            assertThat(ResourcesAsReceived.read(kept).fhirType())
                    .isEqualTo(p.resource().fhirType());
        }
        for (ImportProblem problem : problems) {
            assertThat(problem.line()).isPositive();
            assertThat(problem.field()).isNotBlank();
            assertThat(problem.reason()).as(problem.toString()).isNotBlank();
        }
    }
}
