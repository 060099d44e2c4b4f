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
 * One card per provider with every office (the same office no longer once per plan), and the provider page with
 * each office once, its plans, the hospitals the provider's groups are affiliated with and the languages the office
 * staff speak. The expectations are read from the directory's tables apart from the code under test.
 */
@IntegrationTest
class FindADoctorProviderCardsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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

    /** A listed practitioner with two offices, one of them in two networks (two roles at one location). */
    record Doctor(String id, String given, String family, String twoPlanLocation, String otherLocation) {}

    Doctor doctorWithTwoOfficesOneInTwoPlans() {
        return jdbc.sql("""
                select p.id, p.given, p.family, a.location_id, b.location_id
                  from network.practitioner p
                  join lateral (select r.location_id from network.practitioner_role r
                                 where r.practitioner_id = p.id and r.active and not r.suppressed
                                   and (r.period_end is null or r.period_end >= current_date)
                                 group by r.location_id having count(*) >= 2 limit 1) a on true
                  join lateral (select r.location_id from network.practitioner_role r
                                 where r.practitioner_id = p.id and r.active and not r.suppressed
                                   and (r.period_end is null or r.period_end >= current_date)
                                   and r.location_id <> a.location_id limit 1) b on true
                 where p.active and not p.suppressed
                 order by p.id limit 1""")
                .query((rs, n) ->
                        new Doctor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .single();
    }

    static List<String> cards(String html) {
        List<String> cards = new ArrayList<>(List.of(html.split("class=\"border-bottom py-2 result provider-card\"")));
        cards.removeFirst();
        return cards;
    }

    static List<String> all(Pattern pattern, String html) {
        var m = pattern.matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static final Pattern PROVIDER = Pattern.compile("href=\"/find-a-doctor/providers/([^?\"]+)");
    static final Pattern OFFICE = Pattern.compile("class=\"office-link\" href=\"/find-a-doctor/locations/([^?\"]+)");

    @Test
    void eachProviderIsOneCardListingEveryOfficeOnceWithAllItsPlans() throws Exception {
        Doctor d = doctorWithTwoOfficesOneInTwoPlans();
        String html = get("/find-a-doctor?name=" + (d.given() + " " + d.family()).replace(" ", "+"));
        String card = cards(html).stream()
                .filter(c -> c.contains("/find-a-doctor/providers/" + d.id() + "?")
                        || c.contains("/find-a-doctor/providers/" + d.id() + "\""))
                .findFirst()
                .orElseThrow();
        List<String> offices = all(OFFICE, card);
        assertThat(offices).doesNotHaveDuplicates().contains(d.twoPlanLocation(), d.otherLocation());
        List<String> expectedPlans = jdbc.sql("""
                select distinct n.product_line from network.practitioner_role r
                  join network.organization n on n.id = any(r.network_ids)
                 where r.practitioner_id = ? and r.location_id = ? and r.active and not r.suppressed
                   and (r.period_end is null or r.period_end >= current_date)""")
                .params(d.id(), d.twoPlanLocation())
                .query(String.class)
                .list();
        assertThat(expectedPlans).hasSizeGreaterThanOrEqualTo(2);
        String office = card.substring(card.indexOf("/find-a-doctor/locations/" + d.twoPlanLocation()));
        office = office.substring(0, office.indexOf("</li>"));
        var plans = Pattern.compile("Plans taken here</span>:\\s*<span>([^<]+)</span>")
                .matcher(office);
        assertThat(plans.find()).isTrue();
        assertThat(plans.group(1).split(", ")).hasSize(expectedPlans.size()).doesNotHaveDuplicates();
    }

    @Test
    void searchesNearAPlaceListEachProviderOnceAndCountProviders() throws Exception {
        for (String query : List.of(
                "specialty=207Q00000X&near=90012&miles=50",
                "language=es&near=90033&miles=20",
                "specialty=207Q00000X&miles=10",
                "name=garcia",
                "near=Pasadena&miles=20&sort=accepting")) {
            String html = get("/find-a-doctor?" + query);
            List<String> providers = new ArrayList<>();
            for (String card : cards(html)) {
                providers.add(all(PROVIDER, card).getFirst());
                assertThat(all(OFFICE, card)).as(query).isNotEmpty().doesNotHaveDuplicates();
            }
            assertThat(providers).as(query).isNotEmpty().doesNotHaveDuplicates();
        }
        // the count is of providers: a search with fewer than a page of them shows exactly that many cards
        String few = get("/find-a-doctor?name="
                + doctorWithTwoOfficesOneInTwoPlans().family() + "&specialty=" + "&near=&miles=10");
        var count = Pattern.compile("id=\"result-count\">([0-9,]+) found").matcher(few);
        if (count.find() && Integer.parseInt(count.group(1).replace(",", "")) <= 20) {
            assertThat(cards(few)).hasSize(Integer.parseInt(count.group(1).replace(",", "")));
        }
    }

    @Test
    void theMapBesideTheListCarriesEveryOfficeOfThePageNumberedAsTheListAndItsTilesAreAllowed() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/find-a-doctor?near=Pasadena&miles=10&specialty=207Q00000X"))
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String html = response.body();
        // the tile server is configuration; the content security policy lets its images in, nothing else
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src 'self' data: https://tile.openstreetmap.org;");
        var box = Pattern.compile("<div id=\"results-map\"[^>]*>").matcher(html);
        assertThat(box.find()).isTrue();
        assertThat(box.group()).contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"");
        var points = Pattern.compile("data-points=\"([^\"]*)\"").matcher(box.group());
        assertThat(points.find()).isTrue();
        String json =
                points.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        var numbers = new java.util.TreeSet<Integer>();
        int pointCount = 0;
        var point = Pattern.compile("\\[(-?[0-9.]+),(-?[0-9.]+),([0-9]+),").matcher(json);
        while (point.find()) {
            double lat = Double.parseDouble(point.group(1));
            double lon = Double.parseDouble(point.group(2));
            // the service area: Los Angeles County
            assertThat(lat).isBetween(33.2, 34.9);
            assertThat(lon).isBetween(-118.95, -117.6);
            numbers.add(Integer.parseInt(point.group(3)));
            pointCount++;
        }
        List<String> cards = cards(html);
        int offices = cards.stream().mapToInt(c -> all(OFFICE, c).size()).sum();
        assertThat(pointCount).isEqualTo(offices);
        assertThat(numbers)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, cards.size())
                        .boxed()
                        .toList());
        // the list is the page: every card is there without the map
        assertThat(html).containsPattern("<script src=\"/webjars/leaflet/(1\\.9\\.4/)?dist/leaflet\\.js\" defer>");
    }

    @Test
    void theProviderPageListsEachOfficeOnceWithHospitalAffiliationsAndStaffLanguages() throws Exception {
        Doctor d = doctorWithTwoOfficesOneInTwoPlans();
        String page = get("/find-a-doctor/providers/" + d.id());
        List<String> offices =
                all(Pattern.compile("class=\"fw-semibold\" href=\"/find-a-doctor/locations/([^?\"]+)"), page);
        long distinctLocations = jdbc.sql("""
                select count(distinct location_id) from network.practitioner_role where practitioner_id = ?
                and active and not suppressed and (period_end is null or period_end >= current_date)""").param(d.id()).query(Long.class).single();
        assertThat(offices).doesNotHaveDuplicates().hasSize((int) distinctLocations);

        List<String> hospitals = jdbc.sql("""
                select distinct h.name from network.practitioner_role r
                  join network.organization_affiliation a on a.participating_organization_id = r.organization_id
                  join network.organization h on h.id = a.primary_organization_id and h.kind = 'hospital'
                 where r.practitioner_id = ? and r.active and a.active and h.active""").param(d.id()).query(String.class).list();
        String hospitalList = page.substring(
                page.indexOf("id=\"hospitals\""), page.indexOf("</dd>", page.indexOf("id=\"hospitals\"")));
        if (hospitals.isEmpty()) {
            assertThat(hospitalList).contains("None on file");
        } else {
            for (String h : hospitals) {
                assertThat(hospitalList).contains(">" + org.springframework.web.util.HtmlUtils.htmlEscape(h) + "<");
            }
        }

        // an office whose services say which languages the staff speak shows them in the visitor's language
        String officeWithKorean = """
                select r.practitioner_id, r.location_id from network.practitioner_role r
                  join network.healthcare_service s on s.location_ids @> array[r.location_id] and s.active
                  join network.practitioner p on p.id = r.practitioner_id and p.active and not p.suppressed
                 where r.active and not r.suppressed and s.languages @> array['ko']
                 order by r.id limit 1""";
        if (jdbc.sql(officeWithKorean).query((rs, n) -> 1).optional().isEmpty()) {
            // a database made before staff languages were kept (#22): give one office's service its staff's languages
            jdbc.sql("""
                    update network.healthcare_service set languages = array['ko', 'es'] where id = (
                      select s.id from network.practitioner_role r
                        join network.healthcare_service s on s.location_ids @> array[r.location_id] and s.active
                        join network.practitioner p on p.id = r.practitioner_id and p.active and not p.suppressed
                       where r.active and not r.suppressed order by r.id limit 1)""").update();
        }
        var office = jdbc.sql(officeWithKorean)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        String withStaff = get("/find-a-doctor/providers/" + office[0]);
        assertThat(withStaff).contains("Office staff speak").contains("한국어");
        assertThat(get("/find-a-doctor/locations/" + office[1]))
                .contains("Office staff speak")
                .contains("한국어");
        assertThat(get("/find-a-doctor/providers/" + office[0] + "?lang=es"))
                .contains("El personal del consultorio habla")
                .contains("Hospitales afiliados");
    }
}
