package org.commonweal.centers.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the centers and programs from their data files (pipe-separated, {@code #} comments) and upserts them by
 * code, on every start: the centers are configuration, not code. A bad line is reported with its number and reason;
 * the good lines are still applied.
 */
@Component
@Order(10)
public class CenterCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CenterCatalog.class);
    private static final Set<String> CATEGORIES = Set.of(
            "exercise",
            "nutrition",
            "health-education",
            "screening",
            "support-group",
            "telehealth",
            "membership-help",
            "social-services",
            "food");

    private final JdbcClient jdbc;
    private final Geography geography;
    private final Resource centersFile;
    private final Resource programsFile;

    CenterCatalog(
            JdbcClient jdbc,
            Geography geography,
            @Value("${commonweal.centers.catalog:classpath:centers/centers.csv}") Resource centersFile,
            @Value("${commonweal.centers.programs:classpath:centers/programs.csv}") Resource programsFile) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.centersFile = centersFile;
        this.programsFile = programsFile;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        load();
    }

    /** Upserts both files; returns the problems found (line and reason), which are also logged. */
    @Transactional
    public List<String> load() throws IOException {
        List<String> problems = new ArrayList<>();
        int programs = 0;
        int centers = 0;
        for (Line line : lines(programsFile)) {
            try {
                upsertProgram(line.fields(6));
                programs++;
            } catch (IllegalArgumentException e) {
                problems.add("programs line " + line.number() + ": " + e.getMessage());
            }
        }
        for (Line line : lines(centersFile)) {
            try {
                upsertCenter(line.fields(9));
                centers++;
            } catch (IllegalArgumentException e) {
                problems.add("centers line " + line.number() + ": " + e.getMessage());
            }
        }
        problems.forEach(p -> log.warn("Center catalog: {}", p));
        log.debug("Center catalog: {} centers, {} programs", centers, programs);
        return problems;
    }

    private void upsertProgram(String[] f) {
        if (!CATEGORIES.contains(f[1])) {
            throw new IllegalArgumentException("category '" + f[1] + "' is not one of " + CATEGORIES);
        }
        jdbc.sql("""
                insert into centers.program (code, category, name_en, name_es, description_en, description_es)
                values (?, ?, ?, ?, ?, ?)
                on conflict (code) do update set category = excluded.category, name_en = excluded.name_en,
                  name_es = excluded.name_es, description_en = excluded.description_en,
                  description_es = excluded.description_es""").params((Object[]) f).update();
    }

    private void upsertCenter(String[] f) {
        if (!f[0].matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("code '" + f[0] + "' must be lower-case letters, digits and dashes");
        }
        ZipArea zip = geography
                .zip(f[3])
                .orElseThrow(() -> new IllegalArgumentException("ZIP '" + f[3] + "' is not in the service area"));
        String[] services = split(f[8]);
        for (String s : services) {
            if (!CATEGORIES.contains(s)) {
                throw new IllegalArgumentException("service '" + s + "' is not a program category");
            }
        }
        jdbc.sql("""
                insert into centers.center (code, name, address_line, city, zip, latitude, longitude, spa, phone, hours,
                  partners, rooms, services)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, address_line = excluded.address_line,
                  city = excluded.city, zip = excluded.zip, latitude = excluded.latitude, longitude = excluded.longitude,
                  spa = excluded.spa, phone = excluded.phone, hours = excluded.hours, partners = excluded.partners,
                  rooms = excluded.rooms, services = excluded.services""")
                .params(
                        f[0],
                        f[1],
                        f[2],
                        zip.city(),
                        zip.zip(),
                        zip.centroid().latitude(),
                        zip.centroid().longitude(),
                        zip.spa(),
                        f[4],
                        f[5],
                        f[6],
                        split(f[7]),
                        services)
                .update();
    }

    private static String[] split(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    private record Line(int number, String text) {
        String[] fields(int expected) {
            String[] f = text.split("\\|", -1);
            if (f.length != expected) {
                throw new IllegalArgumentException(
                        "expected " + expected + " fields separated by |, found " + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
                if (f[i].isEmpty()) {
                    throw new IllegalArgumentException("field " + (i + 1) + " is empty");
                }
            }
            return f;
        }
    }

    private static List<Line> lines(Resource file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            int n = 0;
            while ((text = reader.readLine()) != null) {
                n++;
                if (!text.isBlank() && !text.startsWith("#")) {
                    lines.add(new Line(n, text));
                }
            }
        }
        return lines;
    }
}
