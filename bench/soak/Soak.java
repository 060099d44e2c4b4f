import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Soak load for a running Commonweal (bench/soak/run.sh starts one): a fixed-rate, open-loop mix of Find a Doctor,
 * Plan-Net searches, HSDS, class listings, grant opportunities and (signed in as an analyst) insights pages. Requests
 * are sent on schedule whatever the answers (no coordinated omission). Every minute: requests, errors, p50/p95/p99;
 * heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), RSS ({@code /proc/PID/status}), PostgreSQL
 * connections and database size ({@code psql}, when a connection string is given). Writes soak.csv, soak.png and a
 * verdict (no error; p99 of the last 5 minutes within 20 % of the first 5; heap after GC and RSS not growing after the
 * warm-up minute).
 *
 * <pre>java bench/soak/Soak.java BASE_URL APP_PID MINUTES RATE_PER_SECOND OUT_DIR [PSQL_CONNINFO]</pre>
 */
public class Soak {

    record Minute(int minute, long requests, long errors, long p50, long p95, long p99, long heapAfterGcMb, long rssMb,
            long pgConnections, long dbSizeMb) {
    }

    static final String[] PUBLIC = {
            "/find-a-doctor?name=garcia", "/find-a-doctor?specialty=207Q00000X&near=90012",
            "/find-a-doctor?kind=pharmacy&near=90033", "/find-a-doctor?near=Pasadena&sort=name",
            "/fhir/Practitioner?name=smith&_count=20", "/fhir/PractitionerRole?specialty=207RC0000X&_count=20",
            "/fhir/Location?near=34.0522|-118.2437|5|mi&_count=20", "/fhir/Organization?type=prvgrp&_count=10",
            "/hsds/services?per_page=20", "/hsds/service_at_locations?postcode=90033&proximity=20000",
            "/centers/classes", "/centers/classes?center=lynwood&category=exercise&day=2",
            "/grants/opportunities", "/api/grants/opportunities?pageSize=5", "/actuator/health"};
    static final String[] SIGNED_IN = {
            "/insights", "/insights?measure=center-visits&level=rcac", "/insights/gaps?measure=adequacy"};

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java bench/soak/Soak.java BASE_URL APP_PID MINUTES RATE_PER_SECOND OUT_DIR"
                    + " [PSQL_CONNINFO]   (bench/soak/run.sh starts the application and calls this)");
            System.exit(2);
        }
        String base = args[0];
        long pid = Long.parseLong(args[1]);
        int minutes = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        Path out = Path.of(args[4]);
        String psql = args.length > 5 ? args[5] : null;
        Files.createDirectories(out);

        HttpClient anonymous = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient analyst = signIn(base);
        Map<Integer, List<Long>> latencies = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errorsByPath = new ConcurrentHashMap<>();
        List<Minute> rows = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long interval = (long) (1_000_000_000L / rate);
        long end = start + Duration.ofMinutes(minutes).toNanos();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(pid, psql, start, minutes, latencies, errors,
                rows));
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            LockSupport.parkNanos(due - System.nanoTime());
            boolean signedIn = i % 8 == 7; // one request in eight is a signed-in insights page
            String path = signedIn ? SIGNED_IN[(int) (i / 8 % SIGNED_IN.length)] : PUBLIC[(int) (i % PUBLIC.length)];
            HttpClient client = signedIn ? analyst : anonymous;
            int minute = (int) ((due - start) / 60_000_000_000L);
            senders.submit(() -> {
                long sent = System.nanoTime();
                boolean ok;
                try {
                    var response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                    ok = response.statusCode() < 400;
                } catch (IOException | InterruptedException e) {
                    ok = false;
                }
                // latency from when the request was due, so a stalled server cannot hide its queue
                latencies.computeIfAbsent(minute, m -> Collections.synchronizedList(new ArrayList<>()))
                        .add((System.nanoTime() - due) / 1_000_000);
                if (!ok) {
                    errors.computeIfAbsent(minute, m -> new AtomicLong()).incrementAndGet();
                    errorsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
                }
                return null;
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        sampler.join();

        List<Minute> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Integer.compare(a.minute(), b.minute()));
        StringBuilder csv = new StringBuilder(
                "minute,requests,errors,p50_ms,p95_ms,p99_ms,heap_after_gc_mb,rss_mb,pg_connections,db_size_mb\n");
        for (Minute m : sorted) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", m.minute(), m.requests(),
                    m.errors(), m.p50(), m.p95(), m.p99(), m.heapAfterGcMb(), m.rssMb(), m.pgConnections(),
                    m.dbSizeMb()));
        }
        Files.writeString(out.resolve("soak.csv"), csv);
        plot(sorted, rate, out.resolve("soak.png"));
        String verdict = verdict(sorted, errorsByPath);
        Files.writeString(out.resolve("verdict.txt"), verdict);
        System.out.print(csv);
        System.out.println(verdict);
    }

    /** Form login as the demo analyst (CSRF token from the login page; the session cookie kept by the client). */
    static HttpClient signIn(String base) throws Exception {
        String user = System.getProperty("soak.user", "analyst");
        String password = System.getProperty("soak.password", "demo-password");
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        var page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding());
        String to = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || to.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + login.statusCode() + " " + to);
        }
        return client;
    }

    /** At the end of each minute: that minute's latencies and errors, and the process and database figures. */
    static void sample(long pid, String psql, long start, int minutes, Map<Integer, List<Long>> latencies,
            Map<Integer, AtomicLong> errors, List<Minute> rows) {
        for (int minute = 0; minute < minutes; minute++) {
            LockSupport.parkNanos(start + (minute + 1) * 60_000_000_000L - System.nanoTime());
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // answers of the minute's last requests
            List<Long> l = new ArrayList<>(latencies.getOrDefault(minute, List.of()));
            Collections.sort(l);
            run("jcmd", String.valueOf(pid), "GC.run");
            long heap = heapUsedMb(run("jcmd", String.valueOf(pid), "GC.heap_info"));
            long rss = rssMb(pid);
            long connections = psql == null ? -1 : number(run("psql", psql, "-Atc",
                    "select count(*) from pg_stat_activity where backend_type = 'client backend'"));
            long size = psql == null ? -1 : number(run("psql", psql, "-Atc",
                    "select pg_database_size(current_database()) / 1048576"));
            var m = new Minute(minute + 1, l.size(), errors.getOrDefault(minute, new AtomicLong()).get(),
                    percentile(l, 50), percentile(l, 95), percentile(l, 99), heap, rss, connections, size);
            rows.add(m);
            System.err.printf("minute %d: %d requests, %d errors, p50/p95/p99 %d/%d/%d ms, heap after GC %d MB,"
                    + " RSS %d MB, PG connections %d, database %d MB%n", m.minute(), m.requests(), m.errors(), m.p50(),
                    m.p95(), m.p99(), m.heapAfterGcMb(), m.rssMb(), m.pgConnections(), m.dbSizeMb());
        }
    }

    static String verdict(List<Minute> m, Map<String, AtomicLong> errorsByPath) {
        long errors = m.stream().mapToLong(Minute::errors).sum();
        int window = Math.max(1, Math.min(5, m.size() / 3));
        double firstP99 = m.subList(0, window).stream().mapToLong(Minute::p99).average().orElse(0);
        double lastP99 = m.subList(m.size() - window, m.size()).stream().mapToLong(Minute::p99).average().orElse(0);
        // growth after warm-up: the last minutes against minutes 2..window+1 (minute 1 is warm-up)
        List<Minute> early = m.subList(Math.min(1, m.size() - 1), Math.min(m.size(), window + 1));
        List<Minute> late = m.subList(m.size() - window, m.size());
        double heapEarly = early.stream().mapToLong(Minute::heapAfterGcMb).average().orElse(0);
        double heapLate = late.stream().mapToLong(Minute::heapAfterGcMb).average().orElse(0);
        double rssEarly = early.stream().mapToLong(Minute::rssMb).average().orElse(0);
        double rssLate = late.stream().mapToLong(Minute::rssMb).average().orElse(0);
        boolean noErrors = errors == 0;
        boolean p99Holds = lastP99 <= firstP99 * 1.2;
        boolean heapHolds = heapLate <= heapEarly * 1.1 + 16;
        boolean rssHolds = rssLate <= rssEarly * 1.1 + 32;
        return String.format(Locale.ROOT, """
                errors: %d %s%s
                p99 first %d min %.0f ms, last %d min %.0f ms: %s
                heap after GC %.0f MB (minutes 2-%d) -> %.0f MB (last %d): %s
                RSS %.0f MB -> %.0f MB: %s
                verdict: %s
                """, errors, noErrors ? "(holds)" : "(FAILS)", errorsByPath.isEmpty() ? "" : " " + errorsByPath,
                window, firstP99, window, lastP99, p99Holds ? "within 20 % (holds)" : "more than 20 % worse (FAILS)",
                heapEarly, window + 1, heapLate, window, heapHolds ? "no growth (holds)" : "grows (FAILS)", rssEarly,
                rssLate, rssHolds ? "no growth (holds)" : "grows (FAILS)",
                noErrors && p99Holds && heapHolds && rssHolds ? "HOLDS" : "DOES NOT HOLD");
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0
                * sorted.size()) - 1));
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** "garbage-first heap   total reserved 1048576K, committed 262144K, used 123456K" → MB used. */
    static long heapUsedMb(String heapInfo) {
        var m = Pattern.compile("used (\\d+)K").matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    static long number(String text) {
        try {
            return Long.parseLong(text.strip().lines().filter(l -> l.matches("\\d+")).findFirst().orElse("-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Two panels: latency p50/p95/p99 per minute; heap after GC and RSS per minute. */
    static void plot(List<Minute> m, double rate, Path file) throws IOException {
        int w = 1000;
        int h = 640;
        var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        panel(g, m, 40, "latency per minute (ms), " + (int) rate + " requests/s", List.of(
                new Series("p50", new Color(0x1b9e77), Minute::p50), new Series("p95", new Color(0xd95f02), Minute::p95),
                new Series("p99", new Color(0x7570b3), Minute::p99)));
        panel(g, m, 350, "memory per minute (MB)", List.of(
                new Series("heap after GC", new Color(0x1b9e77), Minute::heapAfterGcMb),
                new Series("RSS", new Color(0xd95f02), Minute::rssMb)));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    record Series(String name, Color color, java.util.function.ToLongFunction<Minute> value) {
    }

    static void panel(Graphics2D g, List<Minute> m, int top, String title, List<Series> series) {
        int left = 70;
        int width = 880;
        int height = 230;
        long max = 1;
        for (Series s : series) {
            for (Minute x : m) {
                max = Math.max(max, s.value().applyAsLong(x));
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(title, left, top - 10);
        g.drawRect(left, top, width, height);
        g.drawString(String.valueOf(max), 10, top + 5);
        g.drawString("0", 50, top + height);
        g.drawString("minute", left + width - 40, top + height + 18);
        for (int i = 0; i < m.size(); i++) {
            int x = left + (m.size() == 1 ? width / 2 : i * width / (m.size() - 1));
            if (m.size() <= 40 || i % 5 == 0) {
                g.drawString(String.valueOf(m.get(i).minute()), x - 4, top + height + 18);
            }
        }
        int legend = left + 10;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2));
            int px = -1;
            int py = -1;
            for (int i = 0; i < m.size(); i++) {
                int x = left + (m.size() == 1 ? width / 2 : i * width / (m.size() - 1));
                int y = top + height - (int) (s.value().applyAsLong(m.get(i)) * height / max);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            g.drawString(s.name(), legend, top + 15);
            legend += 110;
        }
    }
}
