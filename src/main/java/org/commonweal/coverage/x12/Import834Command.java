package org.commonweal.coverage.x12;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-834",
        usage = "import-834 [--reconcile auto|approval] [--ack-dir DIR] [--accept-reused-control-number] FILE…",
        summary = "import X12 834 enrollment files (change or full), print the report, write the 999",
        options = {"reconcile", "ack-dir"},
        flags = {"accept-reused-control-number"})
class Import834Command extends ImportCommand {

    private final Enrollment834Import importer;

    Import834Command(Enrollment834Import importer) {
        this.importer = importer;
    }

    @Override
    protected boolean manyFiles() {
        return true;
    }

    @Override
    protected void checkOptions(CommandArgs args) {
        String reconcile = args.option("reconcile", "approval");
        if (!reconcile.equals("auto") && !reconcile.equals("approval")) {
            throw new UsageException("--reconcile must be auto or approval");
        }
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        long started = System.nanoTime();
        ImportReport report = importer.importFile(
                file,
                file.getFileName().toString(),
                actor(),
                args.option("reconcile", "approval").equals("auto"),
                args.flag("accept-reused-control-number"),
                r -> {});
        var summary = new StringBuilder(report.summary());
        summary.append(String.format("  took %.1f s", (System.nanoTime() - started) / 1e9));
        if (report.ack999() != null) {
            Path dir = Path.of(
                    args.option("ack-dir", file.toAbsolutePath().getParent().toString()));
            Path ack = dir.resolve(file.getFileName() + "." + report.ackExtension());
            Files.writeString(ack, report.ack999());
            summary.append("\n  ")
                    .append(report.ackExtension().toUpperCase())
                    .append(" acknowledgment: ")
                    .append(ack);
        }
        if (report.status().refusedOrFailed()) {
            return Outcome.refused(summary.toString(), List.of());
        }
        return Outcome.applied(report.rejects(), summary.toString(), List.of());
    }
}
