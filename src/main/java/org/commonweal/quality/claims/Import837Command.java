package org.commonweal.quality.claims;

import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-837",
        usage = "import-837 FILE…",
        summary =
                "import X12 837P/837I claim files for quality measures; print what was stored and each rejected claim, "
                        + "and write each file's 999 beside it (FILE.999); a file sent again after a crash resumes")
class Import837Command implements OperationalCommand {

    private final ClaimImport claims;

    Import837Command(ClaimImport claims) {
        this.claims = claims;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().isEmpty()) throw new UsageException("name at least one 837 file");
        int failures = 0;
        for (String name : args.positional()) {
            var file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                System.err.println(name + ": no such file");
                failures++;
                continue;
            }
            long started = System.nanoTime();
            var report = claims.importFile(file, "command:import-837");
            System.out.print(report.summary());
            System.out.printf("  took %.1f s%n", (System.nanoTime() - started) / 1e9);
            var ack = report.refused() ? java.util.Optional.<String>empty() : claims.acknowledgment(report.fileId());
            if (ack.isPresent()) {
                var ackFile = file.resolveSibling(file.getFileName() + ".999");
                try {
                    Files.writeString(ackFile, ack.get(), java.nio.charset.StandardCharsets.US_ASCII);
                    System.out.println("  999: " + ackFile);
                } catch (java.io.IOException e) {
                    System.err.println(name + ": the 999 could not be written beside the file (" + e.getMessage()
                            + "); it stays with file " + report.fileId());
                }
            }
            if (report.refused()) failures++;
        }
        return failures == 0 ? 0 : 1;
    }
}
