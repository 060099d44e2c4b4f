package org.commonweal.geography.street;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.commonweal.platform.ImportCommand.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the Census TIGER/Line address range feature layer ({@code tl_YYYY_SSCCC_addrfeat}: the attribute table
 * {@code .dbf} with TLID, FULLNAME, LFROMHN/LTOHN, RFROMHN/RTOHN, ZIPL/ZIPR, PARITYL/PARITYR and the line of each
 * edge in the {@code .shp}, record for record) into {@code geography.street_range}, one row per side with a range.
 * A file may be named by its {@code .dbf}, its {@code .shp} or the Census {@code .zip} that holds both. Loading a file
 * again replaces what it loaded before (rows are kept by source name), in one transaction. A side whose numbers are
 * not plain numbers (hyphenated ranges), an edge without a name or without a line are counted and named, not loaded.
 */
@Component
class TigerAddressRanges {

    static final List<String> REQUIRED =
            List.of("TLID", "FULLNAME", "LFROMHN", "LTOHN", "RFROMHN", "RTOHN", "ZIPL", "ZIPR");
    private static final int PROBLEMS_SHOWN = 20;
    private static final String INSERT = """
            insert into geography.street_range (source, tlid, full_name, name_key, base_key, side, from_hn, to_hn,
                parity, zip, lons, lats) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private record Row(
            long tlid,
            String fullName,
            char side,
            int from,
            int to,
            char parity,
            String zip,
            double[] lons,
            double[] lats) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    TigerAddressRanges(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    Outcome load(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            Path dir = Files.createTempDirectory("tiger");
            try {
                String base = unzip(file, dir);
                if (base == null) {
                    return Outcome.refused("nothing loaded", List.of("the zip holds no .dbf with a .shp beside it"));
                }
                return load(dir.resolve(base + ".dbf"), dir.resolve(base + ".shp"), base);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
        if (!lower.endsWith(".dbf") && !lower.endsWith(".shp")) {
            return Outcome.refused("nothing loaded", List.of("name the layer's .dbf, .shp or the Census .zip"));
        }
        String base = name.substring(0, name.length() - 4);
        Path dbf = sibling(file, base, ".dbf");
        Path shp = sibling(file, base, ".shp");
        if (dbf == null || shp == null) {
            return Outcome.refused(
                    "nothing loaded", List.of("needs both " + base + ".dbf and " + base + ".shp in the same folder"));
        }
        return load(dbf, shp, base);
    }

    private Outcome load(Path dbfFile, Path shpFile, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long rejected = 0;
        int edges = 0;
        try (Dbf dbf = new Dbf(dbfFile, StandardCharsets.UTF_8);
                ShpPolylines shp = new ShpPolylines(shpFile)) {
            List<String> missing = REQUIRED.stream().filter(f -> !dbf.has(f)).toList();
            if (!missing.isEmpty()) {
                return Outcome.refused(
                        "nothing loaded",
                        List.of("not an address range feature table: no field " + String.join(", ", missing)));
            }
            Map<String, String> r;
            while ((r = dbf.next()) != null) {
                edges++;
                ShpPolylines.Line line = shp.next();
                if (line == null) {
                    return Outcome.refused(
                            "nothing loaded",
                            List.of("the .shp ends at record " + edges + " but the .dbf has " + dbf.records()));
                }
                if (r.isEmpty()) {
                    continue; // deleted in the table
                }
                List<String> why = new ArrayList<>();
                side(r, 'L', line, rows, why);
                side(r, 'R', line, rows, why);
                if (!why.isEmpty()) {
                    rejected += why.size();
                    if (problems.size() < PROBLEMS_SHOWN) {
                        problems.add("record " + edges + " (TLID " + r.get("TLID") + "): " + String.join("; ", why));
                    }
                }
            }
            if (shp.next() != null) {
                return Outcome.refused(
                        "nothing loaded", List.of("the .shp has more shapes than the .dbf's " + edges + " records"));
            }
        }
        if (rejected > PROBLEMS_SHOWN) {
            problems.add("… " + rejected + " sides not loaded in all");
        }
        tx.executeWithoutResult(status -> {
            jdbc.update("delete from geography.street_range where source = ?", source);
            jdbc.batchUpdate(INSERT, rows, 2000, (ps, row) -> {
                ps.setString(1, source);
                ps.setLong(2, row.tlid());
                ps.setString(3, row.fullName());
                ps.setString(4, StreetNames.key(row.fullName()));
                ps.setString(5, StreetNames.baseKey(row.fullName()));
                ps.setString(6, String.valueOf(row.side()));
                ps.setInt(7, row.from());
                ps.setInt(8, row.to());
                ps.setString(9, String.valueOf(row.parity()));
                ps.setString(10, row.zip());
                ps.setArray(11, ps.getConnection().createArrayOf("float8", boxed(row.lons())));
                ps.setArray(12, ps.getConnection().createArrayOf("float8", boxed(row.lats())));
            });
        });
        return Outcome.applied(
                rejected,
                String.format(
                        Locale.ROOT,
                        "%,d address ranges loaded from %,d edges, %,d " + "sides not loaded",
                        rows.size(),
                        edges,
                        rejected),
                problems);
    }

    /** Adds the range of one side, or says why it cannot be used; a side without numbers is no range. */
    private static void side(
            Map<String, String> r, char side, ShpPolylines.Line line, List<Row> rows, List<String> why) {
        String fromText = r.get(side + "FROMHN");
        String toText = r.get(side + "TOHN");
        if (fromText == null && toText == null) {
            return;
        }
        String label = side == 'L' ? "left" : "right";
        Integer from = number(fromText);
        Integer to = number(toText);
        if (from == null || to == null) {
            why.add(label + " side: house numbers \"" + fromText + "\" to \"" + toText + "\" are not plain numbers");
            return;
        }
        String fullName = r.get("FULLNAME");
        if (fullName == null) {
            why.add(label + " side: the edge has no street name");
            return;
        }
        if (line.lons().length < 2) {
            why.add(label + " side: the edge has no line in the .shp");
            return;
        }
        Long tlid = tlid(r.get("TLID"));
        if (tlid == null) {
            why.add(label + " side: TLID \"" + r.get("TLID") + "\" is not a number");
            return;
        }
        String zip = r.get("ZIP" + side);
        if (zip != null && !zip.matches("[0-9]{5}")) {
            why.add(label + " side: ZIP \"" + zip + "\" is not five digits");
            return;
        }
        rows.add(new Row(
                tlid,
                fullName,
                side,
                from,
                to,
                parity(r.get("PARITY" + side), from, to),
                zip,
                line.lons(),
                line.lats()));
    }

    /** PARITYL/PARITYR: O odd, E even, B both; inferred from the ends when the table has no parity. */
    static char parity(String given, int from, int to) {
        if (given != null && given.length() == 1 && "OEB".contains(given)) {
            return given.charAt(0);
        }
        if (from % 2 == to % 2) {
            return from % 2 == 0 ? 'E' : 'O';
        }
        return 'B';
    }

    private static Integer number(String s) {
        if (s == null || !s.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(s);
    }

    private static Long tlid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return (long) Double.parseDouble(s); // N(10,0) as written, sometimes with a decimal point
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double[] boxed(double[] a) {
        Double[] out = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static Path sibling(Path file, String base, String ext) {
        Path dir = file.toAbsolutePath().getParent();
        for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
            Path p = dir.resolve(base + e);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Extracts the .dbf and .shp of the zip; answers their common base name. */
    private static String unzip(Path zip, Path dir) throws IOException {
        String dbf = null;
        List<String> shps = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String entry = Path.of(e.getName()).getFileName().toString();
                String lower = entry.toLowerCase(Locale.ROOT);
                if (e.isDirectory() || !(lower.endsWith(".dbf") || lower.endsWith(".shp"))) {
                    continue;
                }
                String base = entry.substring(0, entry.length() - 4);
                copy(in, dir.resolve(base + lower.substring(lower.length() - 4)));
                if (lower.endsWith(".dbf")) {
                    dbf = base;
                } else {
                    shps.add(base);
                }
            }
        }
        return dbf != null && shps.contains(dbf) ? dbf : null;
    }

    private static void copy(InputStream in, Path to) throws IOException {
        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
