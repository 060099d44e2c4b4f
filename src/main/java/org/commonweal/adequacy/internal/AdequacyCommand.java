package org.commonweal.adequacy.internal;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "adequacy",
        usage = "adequacy --date YYYY-MM-DD [--product-line CODE] [--out DIR]",
        summary = "measure network adequacy for every member covered on a date, store the run, write CSV and XLSX",
        options = {"date", "product-line", "out"})
class AdequacyCommand implements OperationalCommand {

    private final AdequacyService service;
    private final AdequacyExports exports;
    private final AuditTrail audit;

    AdequacyCommand(AdequacyService service, AdequacyExports exports, AuditTrail audit) {
        this.service = service;
        this.exports = exports;
        this.audit = audit;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        LocalDate date;
        try {
            date = LocalDate.parse(args.required("date"));
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be YYYY-MM-DD");
        }
        String productLine = args.option("product-line").orElse(null);
        Path out = Path.of(args.option("out", "."));
        Files.createDirectories(out);
        var run = service.run(date, productLine, "command:adequacy");
        System.out.printf(
                "run %d: %d members (%d without a location) measured in %.1f s%n",
                run.id(), run.members(), run.membersUnlocated(), run.elapsedMs() / 1000.0);
        String base = "adequacy-" + date + (productLine == null ? "" : "-" + productLine) + "-run" + run.id();
        var summary = exports.summaryRows(run, false);
        var gaps = exports.gapRows(run, false, null, null);
        try (Writer w = Files.newBufferedWriter(out.resolve(base + "-summary.csv"), StandardCharsets.UTF_8)) {
            exports.writeCsv(AdequacyExports.SUMMARY_COLUMNS, summary, w);
        }
        try (Writer w = Files.newBufferedWriter(out.resolve(base + "-gaps.csv"), StandardCharsets.UTF_8)) {
            exports.writeCsv(AdequacyExports.GAP_COLUMNS, gaps, w);
        }
        try (OutputStream o =
                new FileOutputStream(out.resolve(base + "-summary.xlsx").toFile())) {
            exports.writeXlsx("Summary", AdequacyExports.SUMMARY_COLUMNS, summary, o);
        }
        try (OutputStream o =
                new FileOutputStream(out.resolve(base + "-gaps.xlsx").toFile())) {
            exports.writeXlsx("Gaps", AdequacyExports.GAP_COLUMNS, gaps, o);
        }
        audit.recordAs(
                "command:adequacy",
                AuditEntry.change(
                        AuditAction.EXPORT,
                        "adequacy-run",
                        String.valueOf(run.id()),
                        null,
                        AdequacyService.PURPOSE,
                        "summary and gap list to " + out));
        System.out.printf(
                "wrote %s-{summary,gaps}.{csv,xlsx} in %s (%d summary rows, %d gap rows)%n",
                base, out.toAbsolutePath(), summary.size(), gaps.size());
        return 0;
    }
}
