import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the centers' public site, run with {@code java LoadTest.java BASE_URL USERS SECONDS}: USERS virtual
 * users each register for random upcoming sessions (GET the session page for the CSRF cookie once, then POST the form),
 * then USERS/2 users read the class calendar with random filters. Prints count, errors, p50, p95, p99, max.
 * An optional fourth argument THINK_MS gives each user a pause between requests (exponentially distributed with that
 * mean, like people reading a page or filling in the form); 0, the default, sends the next request at once
 * (a closed loop at saturation: latency is then the number of users divided by the server's throughput).
 */
public class LoadTest {

    static int thinkMillis;

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        thinkMillis = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        System.out.printf("users=%d seconds=%d think=%d ms%n", users, seconds, thinkMillis);
        List<Long> sessions = upcomingSessions(base);
        if (sessions.isEmpty()) {
            throw new IllegalStateException("no upcoming sessions found at " + base + "/centers/classes");
        }
        System.out.printf("%d upcoming sessions found%n", sessions.size());
        run("warm-up registration", users, 5, base, sessions, true);
        run("registration (POST)", users, seconds, base, sessions, true);
        run("calendar (GET)", Math.max(1, users / 2), seconds, base, sessions, false);
    }

    static List<Long> upcomingSessions(String base) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Long> ids = new ArrayList<>();
        for (int week = 0; week < 3; week++) {
            String from = java.time.LocalDate.now().plusDays(1 + 14L * week).toString();
            String html = client.send(HttpRequest.newBuilder(URI.create(base + "/centers/classes?from=" + from)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("data-session=\"(\\d+)\"").matcher(html);
            while (m.find()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    static void run(String name, int users, int seconds, String base, List<Long> sessions, boolean register)
            throws Exception {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(users);
        String[] categories = {"", "exercise", "nutrition", "health-education", "support-group"};
        String[] centers = {"", "pomona", "lynwood", "east-la", "palmdale", "metro-la", "wilmington", "el-monte"};
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread.ofVirtual().start(() -> {
                Random random = new Random(user);
                CookieManager cookies = new CookieManager();
                HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
                try {
                    String token = null;
                    while (System.nanoTime() < end) {
                        if (thinkMillis > 0) {
                            Thread.sleep((long) (-Math.log(1 - random.nextDouble()) * thinkMillis));
                            if (System.nanoTime() >= end) {
                                break;
                            }
                        }
                        long session = sessions.get(random.nextInt(sessions.size()));
                        HttpRequest request;
                        if (register) {
                            if (token == null) {
                                // the form's hidden _csrf field (masked token) goes with the XSRF-TOKEN cookie
                                String page = client.send(HttpRequest.newBuilder(URI.create(base + "/centers/sessions/" + session)).build(),
                                        HttpResponse.BodyHandlers.ofString()).body();
                                Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
                                if (!m.find()) {
                                    throw new IllegalStateException("no _csrf field on the session page");
                                }
                                token = m.group(1);
                            }
                            String form = "kind=community&firstName=Load&lastName=" + enc("User" + user + "x" + random.nextInt(1_000_000))
                                    + "&email=" + enc("load" + user + "@example.org") + "&zip=90001&language=en&_csrf=" + enc(token);
                            request = HttpRequest.newBuilder(URI.create(base + "/centers/sessions/" + session + "/register"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                        } else {
                            String q = "?center=" + centers[random.nextInt(centers.length)] + "&category="
                                    + categories[random.nextInt(categories.length)]
                                    + (random.nextBoolean() ? "&day=" + (1 + random.nextInt(6)) : "");
                            request = HttpRequest.newBuilder(URI.create(base + "/centers/classes" + q)).build();
                        }
                        long t0 = System.nanoTime();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - t0;
                        int status = response.statusCode();
                        // a session that has just started or was cancelled answers 422: that is a rule, not a failure
                        if (register ? status != 302 && status != 422 : status != 200) {
                            errors.incrementAndGet();
                        } else {
                            nanos.add(took);
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%-22s users=%d no successful requests, errors=%d%n", name, users, errors.get());
            return;
        }
        System.out.printf("%-22s users=%3d requests=%6d (%.0f/s) errors=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n",
                name, users, sorted.size(), sorted.size() / (double) seconds, errors.get(), pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted.getLast() / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
