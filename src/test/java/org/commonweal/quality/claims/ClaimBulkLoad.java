package org.commonweal.quality.claims;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import javax.sql.DataSource;
import org.commonweal.coverage.Coverage;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.quality.results.QualityFullBenchmark;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark data only ({@code bench/quality/full.sh} when the real {@code import-837} is too slow for 15 M service
 * lines on a shared machine): stores 837 files with the importer's own reader ({@link Claim837Parser}) and chunk
 * writer ({@link ClaimChunk}: the same COPY into the same tables, the same replacement and void rules), but with the
 * plan's members mapped once up front (no per-member audited eligibility look-up), chunks of 50,000 claims and
 * {@code synchronous_commit} off. Resumes a file the real import left half-way (its {@code claims_done}), under the
 * same {@code quality.claim_file} row; marks the file imported without writing a 999.
 */
public final class ClaimBulkLoad {

    public static void main(String[] args) throws Exception {
        try (var context = QualityFullBenchmark.commandContext()) {
            var dataSource = context.getBean(DataSource.class);
            var template = new JdbcTemplate(dataSource);
            var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            var coverage = context.getBean(Coverage.class);
            var directory = context.getBean(NetworkDirectory.class);
            var members = new HashMap<String, String>();
            coverage.forEachActiveMember(
                    LocalDate.now(), "quality: benchmark claims load", m -> members.put(m.memberId(), m.memberId()));
            System.out.printf("%,d active members mapped%n", members.size());
            var providers = new HashMap<String, NetworkDirectory.DirectoryProvider>();
            for (var arg : args) {
                var file = Path.of(arg);
                var name = file.getFileName().toString();
                var row = template.query(
                        "select id, claims_done, status from quality.claim_file where file_name = ?",
                        rs -> rs.next() ? new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)} : null,
                        name);
                if (row != null && row[2].equals("imported")) {
                    System.out.println(name + ": imported already");
                    continue;
                }
                long fileId = row != null
                        ? (Long) row[0]
                        : template.queryForObject(
                                "insert into quality.claim_file (file_name, sha256, received_by, status)"
                                        + " values (?, ?, 'bench/quality/full.sh', 'importing') returning id",
                                Long.class,
                                name,
                                "bench-load:" + name);
                long done = row != null ? (Long) row[1] : 0;
                long t0 = System.nanoTime();
                long[] seen = {0};
                long[] lines = {0};
                var chunk = new ArrayList<Object>(50_000);
                Runnable flush = () -> {
                    var events = List.copyOf(chunk);
                    chunk.clear();
                    transactions.executeWithoutResult(status -> {
                        var counts = template.execute((ConnectionCallback<ClaimChunk.Counts>) c -> {
                            try (var s = c.createStatement()) {
                                s.execute("set local synchronous_commit = off");
                            }
                            return new ClaimChunk(events, fileId, members, coverage, providers, directory).apply(c);
                        });
                        lines[0] += counts.lines();
                        template.update(
                                """
                                update quality.claim_file set claims_done = claims_done + ?,
                                    claims_accepted = claims_accepted + ?, claims_rejected = claims_rejected + ?,
                                    service_lines = service_lines + ?, claims_npi_unlinked = claims_npi_unlinked + ?
                                where id = ?""",
                                events.size(),
                                counts.accepted(),
                                counts.rejected(),
                                counts.lines(),
                                counts.npiUnlinked(),
                                fileId);
                    });
                    System.out.printf(
                            "%s: %,d claims, %,d lines stored this run, %.0f lines/s%n",
                            name, seen[0], lines[0], lines[0] / ((System.nanoTime() - t0) / 1e9));
                };
                java.util.function.Consumer<Object> add = event -> {
                    if (seen[0]++ < done) return;
                    chunk.add(event);
                    if (chunk.size() == 50_000) flush.run();
                };
                try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    new Claim837Parser(add::accept, add::accept).parse(in);
                }
                if (!chunk.isEmpty()) flush.run();
                template.update("update quality.claim_file set status = 'imported' where id = ?", fileId);
                System.out.printf(
                        "%s: file %d, resumed after %,d claims, %,d lines in %.1f s%n",
                        name, fileId, done, lines[0], (System.nanoTime() - t0) / 1e9);
            }
        }
        System.exit(0);
    }
}
