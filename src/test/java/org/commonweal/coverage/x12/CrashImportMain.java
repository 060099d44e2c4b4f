package org.commonweal.coverage.x12;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.Geocoder;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The importer alone in its own JVM, for the crash test: the same {@link Enrollment834Import} on the same database,
 * with the ZIP-centroid geocoding of the geography files. (The application's {@code import-834} command cannot start
 * in command mode on this branch: the API security chain needs a web context.)
 */
public final class CrashImportMain {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        AuditTrail audit = new CrashImportMainAudit(jdbc);
        var importer = new Enrollment834Import(
                dataSource,
                jdbc,
                zipCentroids(),
                audit,
                new X12ControlNumbers(jdbc),
                new TradingPartners(jdbc),
                "approval",
                Integer.parseInt(args[3]));
        Path file = Path.of(args[2]);
        System.out.println(importer.importFile(file, file.getFileName().toString(), "crash-test", r -> {})
                .summary());
    }

    static Geocoder zipCentroidsFor() throws Exception {
        return zipCentroids();
    }

    private static Geocoder zipCentroids() throws Exception {
        Map<String, Geocoded> zips = new HashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                CrashImportMain.class.getClassLoader().getResourceAsStream("geography/la-county-zips.csv"),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length > 6) {
                    zips.put(
                            f[0].trim(),
                            new Geocoded(
                                    new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                                    f[0].trim(),
                                    Integer.parseInt(f[5].trim()),
                                    Integer.parseInt(f[6].trim()),
                                    "zip-centroid"));
                }
            }
        }
        return address -> Optional.ofNullable(
                address.zip() == null
                        ? null
                        : zips.get(address.zip().length() > 5 ? address.zip().substring(0, 5) : address.zip()));
    }
}
