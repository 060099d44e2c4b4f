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
import java.time.LocalDate;
import java.time.ZoneId;
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
            long pgConnections, long dbSizeMb, Map<String, KindMinute> kinds) {
    }

    /** One kind of the mix in one minute. */
    record KindMinute(long requests, long errors, long p99) {
    }

    /** The kinds of the mix, in the order of their columns in soak.csv. */
    static final List<String> KINDS = List.of("public", "insights", "x12-270", "register", "checkin", "834");

    /** Latencies (from when each operation was due) and errors per minute and kind. */
    static final class Stats {
        final Map<Integer, Map<String, List<Long>>> latencies = new ConcurrentHashMap<>();
        final Map<Integer, Map<String, AtomicLong>> errors = new ConcurrentHashMap<>();
        /** Operations due in each minute, counted when they are sent, and those whose answer (or error) is in. */
        final Map<Integer, AtomicLong> scheduled = new ConcurrentHashMap<>();
        final Map<Integer, AtomicLong> answered = new ConcurrentHashMap<>();

        /** Called by the sender before the operation starts, so the sampler knows how many answers to wait for. */
        void scheduled(int minute) {
            scheduled.computeIfAbsent(minute, m -> new AtomicLong()).incrementAndGet();
        }

        long scheduledIn(int minute) {
            return scheduled.getOrDefault(minute, new AtomicLong()).get();
        }

        long answeredIn(int minute) {
            return answered.getOrDefault(minute, new AtomicLong()).get();
        }

        /** Runs one operation; an exception or a false answer is an error of its kind (and of its path). */
        Void record(String kind, int minute, long due, java.util.concurrent.Callable<Boolean> operation, String path,
                Map<String, AtomicLong> errorsByPath) {
            boolean ok;
            try {
                ok = operation.call();
            } catch (Exception e) {
                ok = false;
                System.err.println(kind + " " + path + ": " + e);
            }
            // latency from when the operation was due, so a stalled server cannot hide its queue
            latencies.computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
                    .computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add((System.nanoTime() - due) / 1_000_000);
            if (!ok) {
                errors.computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
                        .computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                errorsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            }
            answered.computeIfAbsent(minute, m -> new AtomicLong()).incrementAndGet();
            return null;
        }

        List<Long> sorted(int minute, String kind) {
            List<Long> l = new ArrayList<>(latencies.getOrDefault(minute, Map.of()).getOrDefault(kind, List.of()));
            Collections.sort(l);
            return l;
        }

        long errors(int minute, String kind) {
            return errors.getOrDefault(minute, Map.of()).getOrDefault(kind, new AtomicLong()).get();
        }
    }

    static final String[] PUBLIC = {
            "/find-a-doctor?name=garcia", "/find-a-doctor?specialty=207Q00000X&near=90012",
            "/find-a-doctor?kind=pharmacy&near=90033", "/find-a-doctor?near=Pasadena&sort=name",
            "/fhir/Practitioner?name=smith&_count=20", "/fhir/PractitionerRole?specialty=207RC0000X&_count=20",
            "/fhir/Location?near=34.0522%7C-118.2437%7C5%7Cmi&_count=20", "/fhir/Organization?type=prvgrp&_count=10",
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
        HttpClient analyst = signIn(base, System.getProperty("soak.user", "analyst"));
        Mix mix = new Mix(base, anonymous, signIn(base, "center-staff"), signIn(base, "member-services"));
        Stats stats = new Stats();
        Map<String, AtomicLong> errorsByPath = new ConcurrentHashMap<>();
        List<Minute> rows = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long interval = (long) (1_000_000_000L / rate);
        long end = start + Duration.ofMinutes(minutes).toNanos();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(pid, psql, start, minutes, stats, rows));
        // one 834 change file every 5 minutes (from 30 s in), beside the fixed rate
        List<Path> changeFiles = Mix.changeFiles();
        Thread enrollment = Thread.ofVirtual().start(() -> {
            for (int k = 0; k < changeFiles.size(); k++) {
                long due = start + Duration.ofSeconds(30 + 300L * k).toNanos();
                if (due >= end) {
                    break;
                }
                sleepUntil(due);
                Path file = changeFiles.get(k);
                stats.scheduled((int) ((due - start) / 60_000_000_000L));
                stats.record("834", (int) ((due - start) / 60_000_000_000L), due, () -> mix.upload834(file),
                        file.getFileName().toString(), errorsByPath);
            }
        });
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            int minute = (int) ((due - start) / 60_000_000_000L);
            stats.scheduled(minute);
            long slot = i;
            // the mix: 1 in 8 a signed-in insights page, 1 in 16 an X12 270, 1 in 32 a class registration and 1 in 32
            // a check-in at a center; the rest public searches and pages
            if (i % 8 == 7) {
                String path = SIGNED_IN[(int) (i / 8 % SIGNED_IN.length)];
                senders.submit(() -> stats.record("insights", minute, due, () -> get(analyst, base + path), path,
                        errorsByPath));
            } else if (i % 16 == 3) {
                senders.submit(() -> stats.record("x12-270", minute, due, () -> mix.inquiry(slot), "/x12/270",
                        errorsByPath));
            } else if (i % 32 == 5) {
                senders.submit(() -> stats.record("register", minute, due, () -> mix.register(slot),
                        "/centers/sessions/{id}/register", errorsByPath));
            } else if (i % 32 == 21) {
                senders.submit(() -> stats.record("checkin", minute, due, () -> mix.checkIn(slot),
                        "/centers/staff/registrations/{code}/checkin", errorsByPath));
            } else {
                String path = PUBLIC[(int) (i % PUBLIC.length)];
                senders.submit(() -> stats.record("public", minute, due, () -> get(anonymous, base + path), path,
                        errorsByPath));
            }
        }
        senders.shutdown();
        senders.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        enrollment.join(Duration.ofMinutes(5));
        sampler.join();

        List<Minute> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Integer.compare(a.minute(), b.minute()));
        StringBuilder csv = new StringBuilder(
                "minute,requests,errors,p50_ms,p95_ms,p99_ms,heap_after_gc_mb,rss_mb,pg_connections,db_size_mb");
        for (String kind : KINDS) {
            String column = kind.replace('-', '_');
            csv.append(",").append(column).append("_requests,").append(column).append("_errors,").append(column)
                    .append("_p99_ms");
        }
        csv.append('\n');
        for (Minute m : sorted) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", m.minute(), m.requests(),
                    m.errors(), m.p50(), m.p95(), m.p99(), m.heapAfterGcMb(), m.rssMb(), m.pgConnections(),
                    m.dbSizeMb()));
            for (String kind : KINDS) {
                KindMinute k = m.kinds().get(kind);
                csv.append(String.format(Locale.ROOT, ",%d,%d,%d", k.requests(), k.errors(), k.p99()));
            }
            csv.append('\n');
        }
        Files.writeString(out.resolve("soak.csv"), csv);
        plot(sorted, rate, out.resolve("soak.png"));
        long sent = stats.scheduled.values().stream().mapToLong(AtomicLong::get).sum();
        String verdict = verdict(sorted, errorsByPath, sent);
        Files.writeString(out.resolve("verdict.txt"), verdict);
        System.out.print(csv);
        System.out.println(verdict);
    }

    /**
     * Form login as a demo user (CSRF token from the login page; the session cookie kept by the client). Demo logins
     * skip the passkey step.
     */
    static HttpClient signIn(String base, String user) throws Exception {
        String password = System.getProperty("soak.password", "demo-password");
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        var page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = Mix.csrf(page.body());
        if (token == null) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding());
        String to = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || to.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + login.statusCode() + " " + to);
        }
        return client;
    }

    /** Sleeps until {@code deadline} (a {@link System#nanoTime()} value); parkNanos may wake early, so it loops. */
    static void sleepUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** At the end of each minute: that minute's latencies and errors, and the process and database figures. */
    static void sample(long pid, String psql, long start, int minutes, Stats stats, List<Minute> rows) {
        for (int minute = 0; minute < minutes; minute++) {
            // Until the minute is over (parkNanos alone may return early: in the 30-minute soak of session 7 two
            // minutes were read 4.8 s into themselves, with 96 of their 1,200 answers), then until every operation
            // sent in it has its answer or error: each has a timeout of at most 60 s, so the wait is bounded.
            long minuteEnd = start + (minute + 1) * 60_000_000_000L;
            sleepUntil(minuteEnd + Duration.ofSeconds(2).toNanos());
            long waitUntil = minuteEnd + Duration.ofSeconds(75).toNanos();
            while (stats.answeredIn(minute) < stats.scheduledIn(minute) && System.nanoTime() < waitUntil) {
                sleepUntil(System.nanoTime() + Duration.ofMillis(200).toNanos());
            }
            long unanswered = stats.scheduledIn(minute) - stats.answeredIn(minute);
            if (unanswered > 0) {
                System.err.printf("minute %d: %d operations still without an answer 75 s after the minute%n",
                        minute + 1, unanswered);
            }
            List<Long> l = new ArrayList<>();
            long errors = 0;
            Map<String, KindMinute> kinds = new java.util.LinkedHashMap<>();
            for (String kind : KINDS) {
                List<Long> k = stats.sorted(minute, kind);
                long e = stats.errors(minute, kind);
                kinds.put(kind, new KindMinute(k.size(), e, percentile(k, 99)));
                l.addAll(k);
                errors += e;
            }
            Collections.sort(l);
            run("jcmd", String.valueOf(pid), "GC.run");
            long heap = heapUsedMb(run("jcmd", String.valueOf(pid), "GC.heap_info"));
            long rss = rssMb(pid);
            long connections = psql == null ? -1 : number(run("psql", psql, "-Atc",
                    "select count(*) from pg_stat_activity where backend_type = 'client backend'"));
            long size = psql == null ? -1 : number(run("psql", psql, "-Atc",
                    "select pg_database_size(current_database()) / 1048576"));
            var m = new Minute(minute + 1, l.size(), errors, percentile(l, 50), percentile(l, 95), percentile(l, 99),
                    heap, rss, connections, size, kinds);
            rows.add(m);
            StringBuilder byKind = new StringBuilder();
            kinds.forEach((kind, k) -> byKind.append(String.format(Locale.ROOT, "%n    %-8s %5d, %d errors, p99 %d ms",
                    kind, k.requests(), k.errors(), k.p99())));
            System.err.printf("minute %d: %d requests, %d errors, p50/p95/p99 %d/%d/%d ms, heap after GC %d MB,"
                    + " RSS %d MB, PG connections %d, database %d MB%s%n", m.minute(), m.requests(), m.errors(), m.p50(),
                    m.p95(), m.p99(), m.heapAfterGcMb(), m.rssMb(), m.pgConnections(), m.dbSizeMb(), byKind);
        }
    }

    static String verdict(List<Minute> m, Map<String, AtomicLong> errorsByPath, long sent) {
        long errors = m.stream().mapToLong(Minute::errors).sum();
        long sampled = m.stream().mapToLong(Minute::requests).sum();
        // every operation sent is in some minute's figures, or the minutes say less than what happened
        boolean complete = sampled == sent;
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
                operations sent %d, in the minutes' figures %d: %s
                errors: %d %s%s
                p99 first %d min %.0f ms, last %d min %.0f ms: %s
                heap after GC %.0f MB (minutes 2-%d) -> %.0f MB (last %d): %s
                RSS %.0f MB -> %.0f MB: %s
                verdict: %s
                """, sent, sampled, complete ? "all (holds)" : "some missing (FAILS)", errors,
                noErrors ? "(holds)" : "(FAILS)", errorsByPath.isEmpty() ? "" : " " + errorsByPath,
                window, firstP99, window, lastP99, p99Holds ? "within 20 % (holds)" : "more than 20 % worse (FAILS)",
                heapEarly, window + 1, heapLate, window, heapHolds ? "no growth (holds)" : "grows (FAILS)", rssEarly,
                rssLate, rssHolds ? "no growth (holds)" : "grows (FAILS)",
                complete && noErrors && p99Holds && heapHolds && rssHolds ? "HOLDS" : "DOES NOT HOLD");
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

    /** A GET answered below 400. */
    static boolean get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() < 400;
    }

    /**
     * The writing kinds of the mix: public class registrations, check-ins by center staff, X12 270 inquiries with an
     * API client's token and 834 change files uploaded by member services. Each returns whether the application did
     * what was asked (an answer below 400 is not enough where the application answers a refusal with a redirect).
     */
    static final class Mix {
        static final ZoneId PLAN_ZONE = ZoneId.of("America/Los_Angeles");
        final String base;
        final HttpClient anonymous;
        final HttpClient staff;
        final HttpClient memberServices;
        final java.util.concurrent.atomic.AtomicReference<List<Long>> upcoming = new java.util.concurrent.atomic
                .AtomicReference<>();
        volatile long upcomingAt;
        final List<Long> today = new ArrayList<>();
        final java.util.Set<String> claimed = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger cursor = new java.util.concurrent.atomic.AtomicInteger();
        final String client = System.getProperty("soak.client", "");
        volatile String token;
        volatile long tokenAt;
        final String run = Long.toString(System.currentTimeMillis() / 1000, 36);

        Mix(String base, HttpClient anonymous, HttpClient staff, HttpClient memberServices) throws Exception {
            this.base = base;
            this.anonymous = anonymous;
            this.staff = staff;
            this.memberServices = memberServices;
            // today's sessions of every center (the staff desk), else tomorrow's: the ones staff check people in to
            String desk = body(staff, "/centers/staff");
            List<String> centers = all(desk, "<option value=\"([^\"]+)\"");
            for (String day : List.of(LocalDate.now(PLAN_ZONE).toString(), LocalDate.now(PLAN_ZONE).plusDays(1)
                    .toString())) {
                for (String center : centers.stream().distinct().toList()) {
                    try {
                        all(body(staff, "/centers/staff?center=" + center + "&date=" + day),
                                "/centers/staff/sessions/(\\d+)").forEach(id -> today.add(Long.parseLong(id)));
                    } catch (IllegalStateException e) {
                        // an option of another list on the desk page: not a center
                    }
                }
                if (!today.isEmpty()) {
                    break;
                }
            }
            if (today.isEmpty() || upcoming().isEmpty()) {
                throw new IllegalStateException("no class sessions to check in to (" + today.size()
                        + ") or to register for (" + upcoming().size() + ")");
            }
            if (client.isEmpty()) {
                throw new IllegalStateException("no API client for the 270s: -Dsoak.client=ID:SECRET");
            }
            System.err.printf("mix: %d sessions today for check-ins, %d upcoming for registrations, %d 834 files%n",
                    today.size(), upcoming().size(), changeFiles().size());
        }

        /** The sessions from tomorrow on (the public calendar, 14 days), read again every 5 minutes. */
        List<Long> upcoming() throws Exception {
            if (upcoming.get() == null || System.nanoTime() - upcomingAt > Duration.ofMinutes(5).toNanos()) {
                upcoming.set(all(body(anonymous, "/centers/classes?from=" + LocalDate.now(PLAN_ZONE).plusDays(1)),
                        "/centers/sessions/(\\d+)").stream().distinct().map(Long::parseLong).toList());
                upcomingAt = System.nanoTime();
            }
            return upcoming.get();
        }

        /** A new visitor: the session page for its CSRF token and session cookie, then the form with a fresh name. */
        boolean register(long n) throws Exception {
            List<Long> sessions = upcoming();
            long id = sessions.get((int) (n / 32 % sessions.size()));
            var page = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/centers/sessions/" + id))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            String token = csrf(page.body());
            if (page.statusCode() != 200 || token == null) {
                System.err.println("register: session " + id + " answered " + page.statusCode() + " without a form");
                return false;
            }
            String cookie = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                    .reduce((a, b) -> a + "; " + b).orElse("");
            String form = "kind=community&firstName=Soak&lastName=Visitor" + run + "n" + n + "&email=soak-" + run + "-"
                    + n + "%40example.org&zip=90033&language=en&consent=true&_csrf="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8);
            var answer = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/centers/sessions/" + id
                    + "/register")).timeout(Duration.ofSeconds(30)).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            String to = answer.headers().firstValue("Location").orElse("");
            boolean ok = answer.statusCode() == 302 && to.contains("/centers/registrations/");
            if (!ok) {
                System.err.println("register: session " + id + " answered " + answer.statusCode() + " " + to);
            }
            return ok;
        }

        /**
         * Center staff check in a person registered for one of today's sessions (the roster's check-in button); when
         * no one is left to check in, a walk-in is registered and checked in. The refusal of a check-in comes back
         * as an alert on the roster the application redirects to.
         */
        boolean checkIn(long n) throws Exception {
            // today's rosters first, then those of the coming days (people registered ahead, the soak's own visitors
            // among them); the cursor moves on when a roster has no one left to check in
            List<Long> sessions = java.util.stream.Stream.concat(today.stream(), upcoming().stream()).distinct()
                    .toList();
            for (int tried = 0; tried < Math.min(sessions.size(), 20); tried++) {
                int at = cursor.get();
                long id = sessions.get(at % sessions.size());
                String roster = body(staff, "/centers/staff/sessions/" + id);
                String token = csrf(roster);
                for (String code : all(roster, "/centers/staff/registrations/([^/\"]+)/checkin")) {
                    if (claimed.add(code)) {
                        return roster(post(staff, "/centers/staff/registrations/" + code + "/checkin", "session=" + id
                                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), "checkin " + code);
                    }
                }
                cursor.compareAndSet(at, at + 1);
            }
            long id = sessions.get((int) (n / 32 % sessions.size()));
            String token = csrf(body(staff, "/centers/staff/sessions/" + id));
            return roster(post(staff, "/centers/staff/sessions/" + id + "/register",
                    "kind=community&firstName=Walk&lastName=In" + run + "n" + n + "&zip=90033&language=en&walkIn=true"
                            + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), "walk-in at " + id);
        }

        /** The roster the staff action redirected to carries no alert (a refusal is shown as one). */
        boolean roster(HttpResponse<Void> answer, String what) throws Exception {
            String to = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 || !to.contains("/centers/staff")) {
                System.err.println("checkin: " + what + " answered " + answer.statusCode() + " " + to);
                return false;
            }
            var alert = Pattern.compile("alert-danger[^>]*>([^<]*)<").matcher(body(staff,
                    to.replaceFirst("^https?://[^/]+", "")));
            if (alert.find()) {
                System.err.println("checkin: " + what + " refused: " + alert.group(1).strip());
                return false;
            }
            return true;
        }

        /** One eligibility inquiry (a member id present at every scale) with a bearer token, a 271 back. */
        boolean inquiry(long n) throws Exception {
            String member = String.format(Locale.ROOT, "LA%09d", n / 16 % 3000 + 1);
            long control = n % 1_000_000_000L;
            String date = LocalDate.now(PLAN_ZONE).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            String x12 = String.format(Locale.ROOT, """
                    ISA*00*          *00*          *ZZ*EASTLACLINIC   *ZZ*LACARE         *%s*1200*^*00501*%09d*0*P*:~\
                    GS*HS*EASTLACLINIC*LACARE*%s*1200*%d*X*005010X279A1~ST*270*0001*005010X279A1~\
                    BHT*0022*13*REQ%d*%s*1200~HL*1**20*1~NM1*PR*2*L.A. CARE HEALTH PLAN*****PI*LACARE~HL*2*1*21*1~\
                    NM1*1P*2*EAST LA CLINIC*****XX*1234567893~HL*3*2*22*0~TRN*1*SOAK%d*9EASTLA~\
                    NM1*IL*1******MI*%s~DTP*291*D8*%s~EQ*30~SE*12*0001~GE*1*%d~IEA*1*%09d~""", date.substring(2),
                    control, date, control, control, date, control, member, date, control, control);
            var answer = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/x12/270"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/edi-x12").POST(HttpRequest.BodyPublishers.ofString(x12))
                    .build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = answer.statusCode() == 200 && answer.body().contains("ST*271*");
            if (!ok) {
                System.err.println("x12-270: " + answer.statusCode() + " " + answer.body().lines().findFirst()
                        .orElse(""));
            }
            return ok;
        }

        /** An access token from the token endpoint (client credentials), taken again every 4 minutes (it lasts 5). */
        synchronized String token() throws Exception {
            if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(4).toNanos()) {
                var answer = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                client.getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=x12.270"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                var m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
                if (answer.statusCode() != 200 || !m.find()) {
                    throw new IllegalStateException("token endpoint answered " + answer.statusCode());
                }
                token = m.group(1);
                tokenAt = System.nanoTime();
            }
            return token;
        }

        /** The 834 change files run.sh generated (soak.changes), in name order. */
        static List<Path> changeFiles() throws IOException {
            String dir = System.getProperty("soak.changes");
            if (dir == null) {
                return List.of();
            }
            try (var files = Files.list(Path.of(dir))) {
                return files.filter(f -> f.toString().endsWith(".834")).sorted().toList();
            }
        }

        /**
         * Member services upload a change file on the imports page; the import is then followed on its report
         * page until it has completed (refused, duplicate or failed is an error).
         */
        boolean upload834(Path file) throws Exception {
            String token = csrf(body(memberServices, "/coverage/imports"));
            String boundary = "soak" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/edi-x12\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            var answer = memberServices.send(HttpRequest.newBuilder(URI.create(base + "/coverage/imports"))
                    .timeout(Duration.ofSeconds(60)).header("X-CSRF-TOKEN", token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                    .build(), HttpResponse.BodyHandlers.discarding());
            var report = Pattern.compile("/coverage/imports/(\\d+)").matcher(answer.headers().firstValue("Location")
                    .orElse(""));
            if (answer.statusCode() != 302 || !report.find()) {
                System.err.println("834: " + file.getFileName() + " answered " + answer.statusCode() + " "
                        + answer.headers().firstValue("Location").orElse(""));
                return false;
            }
            String status = "";
            for (int i = 0; i < 240; i++) {
                var m = Pattern.compile("id=\"import-status\">([^<]*)<").matcher(body(memberServices,
                        "/coverage/imports/" + report.group(1)));
                status = m.find() ? m.group(1) : "";
                if (!status.equals("Importing")) {
                    break;
                }
                Thread.sleep(1000);
            }
            System.err.println("834: " + file.getFileName() + " import " + report.group(1) + ": " + status);
            return status.equals("Completed");
        }

        String body(HttpClient client, String path) throws Exception {
            var answer = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
            return answer.body();
        }

        HttpResponse<Void> post(HttpClient client, String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        }

        static String csrf(String page) {
            var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            return m.find() ? m.group(1) : null;
        }

        static List<String> all(String text, String regex) {
            List<String> found = new ArrayList<>();
            var m = Pattern.compile(regex).matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        }
    }
}
