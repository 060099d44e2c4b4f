package org.commonweal.coverage.x12;

import java.nio.file.Files;
import java.nio.file.Path;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "import-834", usage = "import-834 [--reconcile auto|approval] [--ack-dir DIR] [--accept-reused-control-number] FILE…",
        summary = "import X12 834 enrollment files (change or full), print the report, write the 999",
        options = {"reconcile", "ack-dir"}, flags = {"accept-reused-control-number"})
class Import834Command implements OperationalCommand {

    private final Enrollment834Import importer;

    Import834Command(Enrollment834Import importer) {
        this.importer = importer;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().isEmpty()) {
            throw new UsageException("name at least one 834 file");
        }
        String reconcile = args.option("reconcile", "approval");
        if (!reconcile.equals("auto") && !reconcile.equals("approval")) {
            throw new UsageException("--reconcile must be auto or approval");
        }
        int failures = 0;
        for (String name : args.positional()) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                System.err.println(name + ": no such file");
                failures++;
                continue;
            }
            long started = System.nanoTime();
            ImportReport report = importer.importFile(file, file.getFileName().toString(), "command:import-834",
                    reconcile.equals("auto"), args.flag("accept-reused-control-number"), r -> { });
            System.out.print(report.summary());
            System.out.printf("  took %.1f s%n", (System.nanoTime() - started) / 1e9);
            if (report.ack999() != null) {
                Path dir = Path.of(args.option("ack-dir", file.toAbsolutePath().getParent().toString()));
                Path ack = dir.resolve(file.getFileName() + "." + report.ackExtension());
                Files.writeString(ack, report.ack999());
                System.out.println("  " + report.ackExtension().toUpperCase() + " acknowledgment: " + ack);
            }
            if (report.status().equals("refused") || report.status().equals("failed")) {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
