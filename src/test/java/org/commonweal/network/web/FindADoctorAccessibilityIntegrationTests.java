package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accessibility of each office (Plan-Net's {@code accessibility} extension on the Location, AccessibilityCS
 * codes) in words on the provider card and the provider page, in English and Spanish, and "not reported" when the
 * office said nothing; the wheelchair filter leaves only offices that say so.
 */
@IntegrationTest
class FindADoctorAccessibilityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String get(String pathAndQuery, String language) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                                .header("Accept-Language", language)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return response.body();
    }

    static final Pattern ACCESS = Pattern.compile("class=\"small office-access\"(?: data-access=\"([^\"]*)\")?>");

    static List<String> access(String html) {
        var m = ACCESS.matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) == null ? "" : m.group(1)); // an empty attribute is left out
        }
        return out;
    }

    /** A listed practitioner's office that is wheelchair accessible and near transit: its id and the practitioner's. */
    String[] accessibleOffice() {
        return jdbc.sql("""
                select r.practitioner_id, l.id from network.practitioner_role r
                  join network.location l on l.id = r.location_id
                  join network.practitioner p on p.id = r.practitioner_id and p.active and not p.suppressed
                 where r.active and not r.suppressed and (r.period_end is null or r.period_end >= current_date)
                   and l.accessibility @> array['handiaccess', 'pubtrans']
                 order by r.id limit 1""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
    }

    @Test
    void theProviderPageSaysEachOfficesAccessibilityInWordsInBothLanguages() throws Exception {
        String[] o = accessibleOffice();
        String en = get("/find-a-doctor/providers/" + o[0], "en");
        List<String> codes = access(en);
        assertThat(codes)
                .isNotEmpty()
                .anySatisfy(c -> assertThat(c).contains("handiaccess").contains("pubtrans"));
        String block = en.substring(en.indexOf("data-access=\""
                + codes.stream()
                        .filter(c -> c.contains("handiaccess") && c.contains("pubtrans"))
                        .findFirst()
                        .orElseThrow()));
        block = block.substring(0, block.indexOf("</div>"));
        assertThat(block)
                .contains("Accessibility")
                .contains("Wheelchair accessible")
                .contains("Near public transit")
                .doesNotContain("handiaccess<");
        String es = get("/find-a-doctor/providers/" + o[0] + "?lang=es", "es");
        assertThat(es).contains("Accesible en silla de ruedas").contains("Cerca del transporte público");
    }

    @Test
    void officesThatReportNothingSaySoAndTheWheelchairFilterKeepsOnlyAccessibleOffices() throws Exception {
        String silent = jdbc.sql("""
                select r.practitioner_id from network.practitioner_role r
                  join network.location l on l.id = r.location_id
                  join network.practitioner p on p.id = r.practitioner_id and p.active and not p.suppressed
                 where r.active and not r.suppressed and (r.period_end is null or r.period_end >= current_date)
                   and cardinality(l.accessibility) = 0
                 order by r.id limit 1""").query(String.class).single();
        String page = get("/find-a-doctor/providers/" + silent, "en");
        assertThat(access(page)).contains("");
        assertThat(page).contains("not reported by the office");

        String html = get("/find-a-doctor?kind=doctor&near=90012&miles=10&accessible=true", "en");
        List<String> cards = access(html);
        assertThat(cards).isNotEmpty().allSatisfy(c -> assertThat(c).contains("handiaccess"));
        String unfiltered = get("/find-a-doctor?kind=doctor&near=90012&miles=10", "en");
        assertThat(access(unfiltered))
                .as("the card shows accessibility whether or not it was asked for")
                .isNotEmpty();
    }
}
