package org.commonweal.network.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RosterRowTests {

    private static Map<String, String> good() {
        Map<String, String> f = new HashMap<>();
        f.put("npi", "1234567893");
        f.put("last_name", "Reyes");
        f.put("first_name", "Ana");
        f.put("specialty_taxonomy", "207Q00000X");
        f.put("group_name", "Eastside Medical Group");
        f.put("address", "100 E Cesar Chavez Ave");
        f.put("city", "Los Angeles");
        f.put("zip", "90033");
        f.put("network", "medi-cal");
        return f;
    }

    @Test
    void acceptsAGoodRowWithDefaults() {
        List<ImportProblem> problems = new ArrayList<>();
        RosterRow row = RosterRow.parse(2, good(), problems);
        assertThat(problems).isEmpty();
        assertThat(row.accepting()).isEqualTo("newpt");
        assertThat(row.languages()).containsExactly("en");
        assertThat(row.locationName()).isEqualTo("Eastside Medical Group");
    }

    @Test
    void namesEveryBadFieldWithItsLine() {
        var f = good();
        f.put("npi", "1234567890");
        f.put("specialty_taxonomy", "family");
        f.put("zip", "9003");
        f.put("network", "gold");
        f.put("effective_date", "31/01/2026");
        List<ImportProblem> problems = new ArrayList<>();
        assertThat(RosterRow.parse(7, f, problems)).isNull();
        assertThat(problems)
                .extracting(ImportProblem::field)
                .containsExactlyInAnyOrder("npi", "specialty_taxonomy", "zip", "network", "effective_date");
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isEqualTo(7));
    }

    @Test
    void checksTheNpiCheckDigit() {
        assertThat(RosterRow.validNpi("1234567893")).isTrue();
        assertThat(RosterRow.validNpi("1234567894")).isFalse();
    }
}
