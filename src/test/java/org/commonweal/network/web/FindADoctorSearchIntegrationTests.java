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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Find a Doctor over real HTTP as a visitor uses it: a city or neighbourhood instead of a ZIP, a clear word when the
 * place is unknown or the search is blank, how many were found, sort, numbered pages that keep the search, phone and
 * directions links, and office hours in words.
 */
@IntegrationTest
class FindADoctorSearchIntegrationTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    String get(String pathAndQuery) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return response.body();
    }

    @Test
    void aCityOrNeighbourhoodNameFindsDoctorsNearItNearestFirst() throws Exception {
        for (String place : List.of("Pasadena", "pasadena, CA", "San Pedro")) {
            String html = get(
                    "/find-a-doctor?miles=20&near=" + place.replace(" ", "+").replace(",", "%2C"));
            assertThat(html).as(place).doesNotContain("id=\"place-unknown\"").contains("id=\"results\"");
            var m = Pattern.compile("([0-9]+\\.[0-9]) mi<").matcher(html);
            List<Double> miles = new ArrayList<>();
            while (m.find()) {
                miles.add(Double.parseDouble(m.group(1)));
            }
            assertThat(miles)
                    .as(place)
                    .isNotEmpty()
                    .isSorted()
                    .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(20));
        }
    }

    @Test
    void anUnknownPlaceIsNamedAndABlankSearchSaysWhatToEnter() throws Exception {
        String unknown = get("/find-a-doctor?near=Atlantis");
        assertThat(unknown)
                .contains("id=\"place-unknown\"")
                .contains("We could not find “Atlantis”")
                .doesNotContain("id=\"results\"");
        String spanish = get("/find-a-doctor?near=Atlantis&lang=es");
        assertThat(spanish).contains("No encontramos “Atlantis”");
        // the form sent with every field empty, as the Search button sends it
        String blank = get("/find-a-doctor?kind=doctor&specialty=&near=&miles=10&name=&network=&language=");
        assertThat(blank).contains("id=\"blank-search\"").contains("enter a ZIP code, city or neighbourhood");
        assertThat(get("/find-a-doctor")).doesNotContain("id=\"blank-search\"");
    }

    @Test
    void countsTheResultsAndNumbersThePagesKeepingTheWholeSearch() throws Exception {
        String html = get("/find-a-doctor?near=Pasadena&miles=50&accepting=true");
        var count = Pattern.compile("id=\"result-count\">([0-9,]+) found · showing 1–20<")
                .matcher(html);
        assertThat(count.find()).as("result count").isTrue();
        int total = Integer.parseInt(count.group(1).replace(",", ""));
        assertThat(total).isGreaterThan(20);
        // page 2's link keeps the place, the distance and the filter
        assertThat(html)
                .contains("id=\"result-pages\"")
                .containsPattern("href=\"/find-a-doctor\\?kind=doctor&amp;near=Pasadena&amp;miles=50"
                        + "&amp;accepting=true&amp;page=1\"[^>]*>2</a>");
        int lastPage = (total + 19) / 20;
        assertThat(html).contains(">" + lastPage + "</a>");
        String last = get("/find-a-doctor?kind=doctor&near=Pasadena&miles=50&accepting=true&page=" + (lastPage - 1));
        assertThat(last)
                .contains("showing " + String.format("%,d", (lastPage - 1) * 20 + 1) + "–" + String.format("%,d", total)
                        + "<")
                .doesNotContain("id=\"next-page\"");
    }

    @org.springframework.beans.factory.annotation.Autowired
    DirectoryCounts counts;

    @Test
    void aSearchIsCountedOnceNotOnEveryPageOrSort() throws Exception {
        String search =
                "/find-a-doctor?kind=doctor&near=90012&miles=" + (20 + System.nanoTime() % 9) + "&accepting=true";
        long runs = counts.stats().missCount();
        String first = get(search);
        var count = Pattern.compile("id=\"result-count\">([0-9,]+) found").matcher(first);
        assertThat(count.find()).isTrue();
        assertThat(counts.stats().missCount()).as("the first page counts").isEqualTo(runs + 1);
        for (String other : List.of("&page=1", "&page=3", "&sort=name", "&sort=accepting&page=2", "")) {
            assertThat(get(search + other)).as(other).contains("id=\"result-count\">" + count.group(1) + " found");
        }
        assertThat(counts.stats().missCount())
                .as("other pages, sorts and Back read the same count")
                .isEqualTo(runs + 1);
        get(search + "&telehealth=true");
        assertThat(counts.stats().missCount())
                .as("another filter is another search")
                .isEqualTo(runs + 2);
    }

    @Test
    void sortsByAcceptingNewPatientsFirstAndByName() throws Exception {
        List<Boolean> byDistance = acceptingFlags(get("/find-a-doctor?near=90012&miles=5"));
        assertThat(byDistance).as("nearest first mixes accepting and not").contains(true, false);
        List<Boolean> acceptingFirst = acceptingFlags(get("/find-a-doctor?near=90012&miles=5&sort=accepting"));
        assertThat(acceptingFirst).hasSameSizeAs(byDistance);
        int firstNot = acceptingFirst.indexOf(false);
        if (firstNot >= 0) {
            assertThat(acceptingFirst.subList(firstNot, acceptingFirst.size())).doesNotContain(true);
        }
        assertThat(acceptingFirst.stream().filter(b -> b).count())
                .isGreaterThan(byDistance.stream().filter(b -> b).count());

        String byName = get("/find-a-doctor?near=90012&miles=5&sort=name");
        assertThat(byName).containsPattern("<option value=\"name\"\\s+selected=\"selected\">Name</option>");
        var miles = Pattern.compile("([0-9]+\\.[0-9]) mi<").matcher(byName);
        List<Double> distances = new ArrayList<>();
        while (miles.find()) {
            distances.add(Double.parseDouble(miles.group(1)));
        }
        assertThat(distances)
                .hasSizeGreaterThan(2)
                .isNotEqualTo(distances.stream().sorted().toList());
    }

    static List<Boolean> acceptingFlags(String html) {
        var m = Pattern.compile("(Accepting new patients|Existing patients only|Existing patients and their families"
                        + "|Not accepting new patients)</span>")
                .matcher(html);
        List<Boolean> accepting = new ArrayList<>();
        while (m.find()) {
            accepting.add(m.group(1).equals("Accepting new patients"));
        }
        return accepting;
    }

    @Test
    void phonesAreLinksWithDirectionsAndTheProviderPageShowsHoursAndLeadsBackToTheSearch() throws Exception {
        String html = get("/find-a-doctor?near=Pasadena&miles=20&specialty=207Q00000X");
        assertThat(html)
                .containsPattern("href=\"tel:\\+1[0-9]{10}\"")
                .contains("class=\"btn btn-outline-secondary" + " btn-sm directions-link\"")
                .contains("https://www.google.com/maps/dir/?api=1&amp;destination=");
        var link = Pattern.compile("href=\"(/find-a-doctor/providers/[^\"]+)\"").matcher(html);
        assertThat(link.find()).isTrue();
        String provider = get(link.group(1).replace("&amp;", "&"));
        assertThat(provider)
                .containsPattern("id=\"back-to-search\" href=\"/find-a-doctor\\?kind=doctor"
                        + "&amp;specialty=207Q00000X&amp;near=Pasadena&amp;miles=20\"");
        assertThat(provider)
                .containsPattern("Office hours</span>:\\s*<span>Mon–Fri 8(:30)? am–5(:30)? pm")
                .containsPattern("href=\"tel:\\+1[0-9]{10}\"");
        String spanish = get(link.group(1).replace("&amp;", "&") + "&lang=es");
        assertThat(spanish).containsPattern("lun–vie 8:[03]0–17:[03]0").contains("Cómo llegar");
    }
}
