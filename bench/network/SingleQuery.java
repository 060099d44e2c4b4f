import java.net.URI;
import java.net.http.*;
import java.util.*;
/**
 * Times one URL: 3 warm-up calls, then p50/p95/max of N (default 20).
 * Usage: java SingleQuery.java URL [N]
 */
public class SingleQuery {
    public static void main(String[] a) throws Exception {
        var http = HttpClient.newHttpClient();
        String url = a[0];
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 20;
        for (int i = 0; i < 3; i++) http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        List<Double> t = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            var r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(r.body());
            bytes = r.body().length();
            t.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(t);
        System.out.printf("p50 %.1f ms, p95 %.1f ms, max %.1f ms, %d bytes (n=%d)%n", pct(t, 50), pct(t, 95),
                t.getLast(), bytes, n);
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
