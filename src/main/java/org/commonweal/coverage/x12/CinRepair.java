package org.commonweal.coverage.x12;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Restores the CINs that migration V2026.12.05.101 removed (they were the DHCS {@code REF*23} status code) from the
 * raw segments that exist: the 834 files kept on disk (the inbox's {@code processed/} folder, or any folder named).
 * Each file's member loops are read with the same parser; the {@code REF*1L} of the latest file (by BGN03) that
 * carries one wins. Only members still marked by the migration and without a CIN are touched; each gets a history
 * row and the run one audit entry.
 */
@Service
public class CinRepair {

    static final String MARK = "(removed from cin by V2026.12.05.101)";

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public CinRepair(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** What a run did. */
    public record Result(int files, int unreadable, int repaired, int stillWithout) {}

    public Result repair(List<Path> folders, String actor) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isRegularFile(folder)) {
                files.add(folder);
            } else if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(
                        folder,
                        p -> Files.isRegularFile(p)
                                && !p.getFileName().toString().endsWith(".999")
                                && !p.getFileName().toString().endsWith(".ta1"))) {
                    dir.forEach(files::add);
                }
            }
        }
        record Found(String cin, LocalDate date) {}
        Map<String, Found> cins = new HashMap<>();
        int unreadable = 0;
        for (Path file : files) {
            LocalDate[] date = {LocalDate.MIN};
            Map<String, String> own = new HashMap<>();
            try {
                // every plan code is accepted here: only the identifiers are wanted
                new Enrollment834Parser(plan -> true)
                        .parse(Files.newInputStream(file), new Enrollment834Parser.Handler() {
                            @Override
                            public void header(Enrollment834Parser.FileHeader header) {
                                if (header.fileDate() != null) {
                                    date[0] = header.fileDate();
                                }
                            }

                            @Override
                            public void member(MemberTransaction t) {
                                if (t.cin() != null) {
                                    own.put(t.memberId(), t.cin());
                                }
                            }

                            @Override
                            public void reject(Reject reject) {
                                // a loop with other faults may still carry its CIN, but not one we trust
                            }
                        });
            } catch (X12Exception e) {
                unreadable++;
                continue;
            }
            own.forEach((member, cin) -> cins.merge(
                    member, new Found(cin, date[0]), (a, b) -> b.date().isBefore(a.date()) ? a : b));
        }
        List<String> waiting =
                jdbc.sql("""
                select member_id from coverage.member
                where cin is null and exists (select 1 from unnest(raw_references) r where r like ?)""").param("%" + MARK).query(String.class).list();
        int repaired = 0;
        for (String member : waiting) {
            Found found = cins.get(member);
            if (found == null) {
                continue;
            }
            repaired += jdbc.sql("update coverage.member set cin = ?, updated_at = now() where member_id = ? "
                            + "and cin is null")
                    .params(found.cin(), member)
                    .update();
            jdbc.sql("""
                    insert into coverage.member_change (member_id, source, summary, reason)
                    values (?, 'repair', ?, 'issue #16: CIN only from REF*1L')""")
                    .params(member, "CIN restored from REF*1L of a kept 834 file dated " + found.date())
                    .update();
        }
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.UPDATE,
                        "member-cin",
                        "repair",
                        null,
                        "CIN repair from kept 834 files",
                        repaired + " members repaired from " + files.size() + " files"));
        return new Result(files.size(), unreadable, repaired, waiting.size() - repaired);
    }
}
