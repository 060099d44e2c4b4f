import java.net.URI;
import java.net.http.*;
import java.util.*;
/** Times one URL: 3 warm-up calls, then p50/p95/max of 20. Usage: java SingleQuery.java URL */
public class SingleQuery {
    public static void main(String[] a) throws Exception {
        var http = HttpClient.newHttpClient();
        String url = a[0];
        for (int i = 0; i < 3; i++) http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        List<Double> t = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 20; i++) {
            long s = System.nanoTime();
            var r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(r.body());
            bytes = r.body().length();
            t.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(t);
        System.out.printf("p50 %.1f ms, p95 %.1f ms, max %.1f ms, %d bytes%n", t.get(9), t.get(18), t.get(19), bytes);
    }
}
