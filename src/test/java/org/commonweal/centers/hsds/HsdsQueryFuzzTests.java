package org.commonweal.centers.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Fuzzing (Jazzer) of the HSDS 3.0 query parameters our code reads ({@code modified_after}, {@code proximity},
 * {@code page}, {@code per_page}; Spring turns the integers' text into numbers or a 400 first): each value is either
 * taken (an instant; a distance in metres that is a number; a page of at most {@code per_page} items numbered as
 * asked) or refused with a 400 that names the parameter; never another exception (a 500). Input: the four values
 * separated by {@code |}, seeds under {@code HsdsQueryFuzzTestsInputs/query/} from the HSDS tests and the HSDS
 * examples' values.
 */
class HsdsQueryFuzzTests {

    @FuzzTest(maxDuration = "1m")
    void query(byte[] input) {
        String[] v = new String(input, StandardCharsets.UTF_8).split("\\|", -1);
        String modifiedAfter = v[0];
        try {
            Instant after = HsdsController.modifiedAfter(modifiedAfter);
            assertThat(after == null).isEqualTo(modifiedAfter.isBlank());
        } catch (ResponseStatusException bad) {
            refused(bad, "modified_after");
        }
        if (v.length > 1) {
            try {
                double metres = HsdsController.metres(v[1]);
                assertThat(metres >= 0).as("a distance, not " + metres).isTrue(); // -0.0 is 0 m; NaN is not
            } catch (ResponseStatusException bad) {
                refused(bad, "proximity");
            }
        }
        Integer page = v.length > 2 ? integer(v[2]) : null;
        Integer perPage = v.length > 3 ? integer(v[3]) : null;
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(Map.of("id", "s" + i));
        }
        Map<String, Object> answer;
        try {
            answer = HsdsController.page(all, page, perPage);
        } catch (ResponseStatusException bad) {
            assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getReason()).containsAnyOf("page", "per_page");
            return;
        }
        int size = perPage == null ? 50 : perPage;
        assertThat((List<?>) answer.get("contents")).hasSizeLessThanOrEqualTo(size);
        assertThat(answer.get("page_number")).isEqualTo(page == null ? 1 : page);
        assertThat(answer.get("total_items")).isEqualTo(all.size());
    }

    private static void refused(ResponseStatusException bad, String parameter) {
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getReason()).startsWith(parameter);
    }

    /** As Spring binds an {@code Integer} request parameter: its text, or a 400 before our code. */
    private static Integer integer(String s) {
        try {
            return s.isEmpty() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
