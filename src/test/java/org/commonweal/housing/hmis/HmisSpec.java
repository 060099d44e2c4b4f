package org.commonweal.housing.hmis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The HMIS CSV column lists of the test fixtures {@code fy2026-columns.csv} and {@code fy2024-columns.csv} (taken from
 * HUD's Eva tool, not from the main code), and a way to write a set as another HMIS would.
 */
final class HmisSpec {

    private HmisSpec() {}

    /** File name (Client.csv) → columns in order. */
    static Map<String, List<String>> columns(String version) throws IOException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        try (InputStream in = HmisSpec.class.getResourceAsStream("/housing/hmis/" + version + "-columns.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("File,") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split(",");
                files.computeIfAbsent(parts[0] + ".csv", f -> new ArrayList<>()).add(parts[2]);
            }
        }
        return files;
    }

    /** A ZIP of CSV files, each written with the given header and rows (missing values blank), as an HMIS exports. */
    static byte[] zip(Map<String, List<String>> headers, Map<String, List<Map<String, String>>> rows)
            throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var file : rows.entrySet()) {
                List<String> header = headers.get(file.getKey());
                zip.putNextEntry(new ZipEntry("export/" + file.getKey()));
                StringBuilder csv = new StringBuilder(HmisCsv.line(header));
                for (Map<String, String> row : file.getValue()) {
                    List<Object> values = new ArrayList<>();
                    for (String column : header) {
                        values.add(row.getOrDefault(column, ""));
                    }
                    csv.append(HmisCsv.line(values));
                }
                zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A row from alternating column names and values. */
    static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
