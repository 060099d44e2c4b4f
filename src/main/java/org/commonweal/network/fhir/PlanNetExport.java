package org.commonweal.network.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the whole public directory as NDJSON, one file per Plan-Net resource type, with a bulk-data style
 * {@code manifest.json}: the daily feed for Medicare Plan Finder. Rows are streamed from one read-only transaction,
 * so the files are a consistent snapshot.
 */
@Component
public class PlanNetExport {

    public record Result(Path directory, Map<String, Long> counts, long millis) {}

    private final JdbcTemplate jdbc;
    private final FhirContext fhir;

    PlanNetExport(JdbcTemplate jdbc, FhirContext fhir) {
        this.jdbc = jdbc;
        this.fhir = fhir;
    }

    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Result export(Path directory) {
        long start = System.nanoTime();
        Instant transactionTime = Instant.now();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> counts = new TreeMap<>();
        IParser parser = fhir.newJsonParser().setPrettyPrint(false);
        var rowMapper = new ColumnMapRowMapper();
        // a template of its own: the fetch size streams rows with a cursor inside this transaction
        var streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(2000);
        for (ResourceTable table : PlanNetTables.TABLES.values()) {
            Path file = directory.resolve(table.type() + ".ndjson");
            long[] count = {0};
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                streaming.query(
                        "select * from " + table.table() + " t where "
                                + table.visible().replace("$", "t") + " order by t.id",
                        rs -> {
                            try {
                                var row = rowMapper.mapRow(rs, 0);
                                out.write(parser.encodeResourceToString(PlanNetMapper.map(table.type(), row)));
                                out.write('\n');
                                count[0]++;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            counts.put(table.type(), count[0]);
        }
        writeManifest(directory, transactionTime, counts);
        return new Result(directory, counts, (System.nanoTime() - start) / 1_000_000);
    }

    private static void writeManifest(Path directory, Instant transactionTime, Map<String, Long> counts) {
        List<String> outputs = new ArrayList<>();
        for (var e : counts.entrySet()) {
            outputs.add("{\"type\":\"" + e.getKey() + "\",\"url\":\"" + e.getKey() + ".ndjson\",\"count\":"
                    + e.getValue() + "}");
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("transactionTime", "\"" + transactionTime + "\"");
        manifest.put("request", "\"/fhir/$export\"");
        manifest.put("requiresAccessToken", "false");
        manifest.put("output", "[" + String.join(",", outputs) + "]");
        manifest.put("error", "[]");
        StringBuilder json = new StringBuilder("{");
        manifest.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        json.append("}\n");
        try {
            Files.writeString(directory.resolve("manifest.json"), json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
