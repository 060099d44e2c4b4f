package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.engine.ZipResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #19: a stored run's small-cell masks are decided once, in the background after it is stored (or when the
 * application starts), and the summary page and the exports read them: a view decides none, and what it shows is the
 * rule's decision over the run's stored results.
 */
@IntegrationTest
class RunDisclosuresIntegrationTests {

    @Autowired
    Adequacy adequacy;

    @Autowired
    AdequacyStore store;

    @Autowired
    RunDisclosures disclosures;

    @Autowired
    MockMvc mvc;

    @Test
    void aStoredRunsMasksAreDecidedOnceAndNoViewDecidesThem() throws Exception {
        if (adequacy.runs().isEmpty()) {
            adequacy.run(LocalDate.now(), null, "masks-test");
        }
        // the runs the summary page shows (the newest and its trend), queued at start-up or when stored
        List<Long> shown = store.runs().stream().limit(12).map(r -> r.id()).toList();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!shown.stream().allMatch(disclosures::decided)) {
            assertThat(System.nanoTime())
                    .as("the runs' masks decided in the background")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        long decisions = disclosures.decisions();
        String summary = null;
        for (String path : List.of(
                "/adequacy",
                "/adequacy",
                "/adequacy/export/summary.csv",
                "/adequacy/export/summary.csv",
                "/adequacy/export/gaps.csv")) {
            long started = System.nanoTime();
            String body = new String(
                    mvc.perform(get(path).with(user("analyst").roles("ANALYST")))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsByteArray(),
                    StandardCharsets.UTF_8);
            System.out.printf(
                    "adequacy masks: %s as an analyst, masks decided in the background, %d ms%n",
                    path, (System.nanoTime() - started) / 1_000_000);
            if (path.endsWith("summary.csv")) {
                summary = body.replace("\uFEFF", "");
            }
        }
        assertThat(disclosures.decisions()).as("masks decided by a view").isEqualTo(decisions);

        // what the export served is the rule's decision over the run's stored results, decided afresh here
        List<ZipResult> results = store.results(shown.getFirst());
        var fresh = AdequacyDisclosure.of(results, true);
        var records = CSVFormat.RFC4180.parse(new StringReader(summary)).getRecords();
        var rows = AdequacyReport.byLineAndType(results);
        assertThat(records).hasSize(rows.size() + 1);
        int masked = 0;
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            var served = records.get(i + 1);
            var expected = fresh.county(row);
            assertThat(List.of(served.get(4), served.get(5))).isEqualTo(List.of(row.productLine(), row.providerType()));
            assertThat(List.of(served.get(8), served.get(9), served.get(14)))
                    .as("%s %s", row.productLine(), row.providerType())
                    .isEqualTo(List.of(expected.members(), expected.met(), expected.notMet()));
            masked += served.get(9).equals(org.commonweal.platform.CellSuppression.MASK) ? 1 : 0;
        }
        System.out.printf(
                "adequacy masks: summary.csv of run %d, %d rows, %d with met masked%n",
                shown.getFirst(), rows.size(), masked);
    }
}
