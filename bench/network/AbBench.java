import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Before/after in the same minutes: two running builds (on the same database), each query timed on both with the
 * requests interleaved one by one (A, B, A, B …), so both sides see the same machine load. Single client.
 * Usage: java AbBench.java BEFORE_URL AFTER_URL [iterations] [warm-up calls] [query-name-filter]
 */
public class AbBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String[] base = {args[0], args[1]};
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        String filter = args.length > 4 ? args[4] : "";
        String p = "%7C";
        List<String[]> queries = List.of(
                new String[] {"FaD specialty+ZIP 10mi", "/find-a-doctor?specialty=207Q00000X&near=90011&miles=10"},
                new String[] {"FaD name typo", "/find-a-doctor?name=garsia"},
                new String[] {"FaD spanish+accepting+plan", "/find-a-doctor?specialty=208000000X&near=90022&miles=5&language=es&accepting=true&network=medi-cal"},
                new String[] {"FaD pharmacies 5mi", "/find-a-doctor?kind=pharmacy&near=90033&miles=5"},
                new String[] {"PR specialty+network+zip+3 includes", "/fhir/PractitionerRole?specialty=207Q00000X&network=net-medi-cal&location.address-postalcode=90011"
                        + "&_include=PractitionerRole:practitioner&_include=PractitionerRole:location&_include=PractitionerRole:organization"},
                new String[] {"Practitioner?name", "/fhir/Practitioner?name=garcia"},
                new String[] {"Practitioner?_has+revinclude", "/fhir/Practitioner?_has:PractitionerRole:practitioner:specialty=207RC0000X&_revinclude=PractitionerRole:practitioner"},
                new String[] {"Location?near 10mi", "/fhir/Location?near=34.0522" + p + "-118.2437" + p + "10" + p + "mi"},
                new String[] {"Organization?type+revinclude", "/fhir/Organization?type=prvgrp&_revinclude=PractitionerRole:organization"});
        System.out.printf("%-38s %22s %22s %9s%n", "query (" + iterations + " each, interleaved)", "before p50/p95/max",
                "after p50/p95/max", "bytes");
        queries = queries.stream().filter(q -> q[0].contains(filter)).toList();
        // every query first, so that the JIT has compiled the whole stack of both builds before anything is timed
        for (int i = 0; i < warmup; i++) {
            for (String[] q : queries) {
                get(base[0] + q[1]);
                get(base[1] + q[1]);
            }
        }
        for (String[] q : queries) {
            List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>());
            long bytes = 0;
            for (int i = 0; i < iterations; i++) {
                for (int side = 0; side < 2; side++) {
                    long t = System.nanoTime();
                    bytes = get(base[side] + q[1]).length();
                    times.get(side).add((System.nanoTime() - t) / 1e6);
                }
            }
            times.forEach(Collections::sort);
            System.out.printf("%-38s %22s %22s %9d%n", q[0], summary(times.get(0)), summary(times.get(1)), bytes);
        }
    }

    static String summary(List<Double> sorted) {
        return String.format("%.1f / %.1f / %.0f", pct(sorted, 50), pct(sorted, 95), sorted.getLast());
    }

    static String get(String url) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json, text/html")
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
