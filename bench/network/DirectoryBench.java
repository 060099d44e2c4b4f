import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Times the provider directory over HTTP: Find a Doctor searches and the Plan-Net queries of issue 4, single client
 * (p50/p95/max) and 8 clients (throughput), plus paging through 5 pages of next links.
 * Usage: java DirectoryBench.java BASE_URL [iterations] [seconds-for-8-clients]
 */
public class DirectoryBench {

    static final int WARM_UP = 20;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String zip = "90011";
        String p = "%7C";
        List<String[]> queries = List.of(
                new String[] {"FaD specialty+ZIP 10mi", "/find-a-doctor?specialty=207Q00000X&near=" + zip + "&miles=10"},
                new String[] {"FaD name typo", "/find-a-doctor?name=garsia"},
                new String[] {"FaD spanish+accepting+plan", "/find-a-doctor?specialty=208000000X&near=90022&miles=5&language=es&accepting=true&network=medi-cal"},
                new String[] {"FaD pharmacies 5mi", "/find-a-doctor?kind=pharmacy&near=90033&miles=5"},
                new String[] {"PR specialty+network+zip+3 includes", "/fhir/PractitionerRole?specialty=207Q00000X&network=net-medi-cal&location.address-postalcode=" + zip
                        + "&_include=PractitionerRole:practitioner&_include=PractitionerRole:location&_include=PractitionerRole:organization"},
                new String[] {"Practitioner?name", "/fhir/Practitioner?name=garcia"},
                new String[] {"Practitioner?_has+revinclude", "/fhir/Practitioner?_has:PractitionerRole:practitioner:specialty=207RC0000X&_revinclude=PractitionerRole:practitioner"},
                new String[] {"Location?near 10mi", "/fhir/Location?near=34.0522" + p + "-118.2437" + p + "10" + p + "mi"},
                new String[] {"Organization?type+revinclude", "/fhir/Organization?type=prvgrp&_revinclude=PractitionerRole:organization"});
        System.out.printf("%-40s %8s %8s %8s %8s%n", "query", "p50 ms", "p95 ms", "max ms", "bytes");
        for (String[] q : queries) {
            for (int i = 0; i < WARM_UP; i++) { // the JIT compiles each query's path before it is timed
                get(base + q[1]);
            }
            List<Double> times = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < iterations; i++) {
                long t = System.nanoTime();
                bytes = get(base + q[1]).length();
                times.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("%-40s %8.1f %8.1f %8.1f %8d%n", q[0], pct(times, 50), pct(times, 95), times.getLast(), bytes);
        }
        // paging: 5 pages of 100 roles through next links
        List<Double> pageRuns = new ArrayList<>();
        for (int i = 0; i < Math.max(5, iterations / 10); i++) {
            long t = System.nanoTime();
            String url = base + "/fhir/PractitionerRole?specialty=207Q00000X&_count=100";
            for (int page = 0; page < 5 && url != null; page++) {
                url = next(get(url));
            }
            pageRuns.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(pageRuns);
        System.out.printf("%-40s %8.1f %8.1f %8.1f%n", "PR 5 pages x 100 (whole walk)", pct(pageRuns, 50),
                pct(pageRuns, 95), pageRuns.getLast());

        System.out.printf("%n8 clients, %d s per query:%n%-40s %10s %8s%n", seconds, "query", "req/s", "p95 ms");
        for (String[] q : queries) {
            AtomicLong done = new AtomicLong();
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            get(base + q[1]);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                        times.add((System.nanoTime() - t) / 1e6);
                        done.incrementAndGet();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            System.out.printf("%-40s %10.1f %8.1f%n", q[0], done.get() / (double) seconds, pct(sorted, 95));
        }
    }

    static String get(String url) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json, text/html")
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String next(String bundle) {
        var m = Pattern.compile("\"relation\":\"next\",\"url\":\"([^\"]+)\"").matcher(bundle);
        return m.find() ? m.group(1) : null;
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
