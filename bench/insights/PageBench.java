import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the insights pages with a signed-in session (JDK only): every path N times from C threads after a warm-up,
 * then p50, p95 and max per path. Usage: java PageBench.java BASE_URL SESSION_COOKIE N C PATH...
 */
public class PageBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String cookie = "SESSION=" + args[1];
        int n = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        System.out.printf("%-62s %6s %8s %8s %8s%n", "path", "n", "p50 ms", "p95 ms", "max ms");
        List<Double> everything = Collections.synchronizedList(new ArrayList<>());
        for (int i = 4; i < args.length; i++) {
            String path = args[i];
            for (int w = 0; w < 5; w++) {
                get(client, base + path, cookie);
            }
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int r = 0; r < n; r++) {
                    futures.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        get(client, base + path, cookie);
                        times.add((System.nanoTime() - t0) / 1e6);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            everything.addAll(times);
            print(path, times);
        }
        print("ALL PAGES", everything);
    }

    static void get(HttpClient client, String url, String cookie) throws Exception {
        var response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    static void print(String label, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("%-62s %6d %8.1f %8.1f %8.1f%n", label, sorted.size(), pct(sorted, 50), pct(sorted, 95),
                sorted.getLast());
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
