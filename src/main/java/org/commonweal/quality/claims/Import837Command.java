package org.commonweal.quality.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-837",
        usage = "import-837 FILE…",
        summary =
                "import X12 837P/837I claim files for quality measures; print what was stored and each rejected claim, "
                        + "and write each file's 999 beside it (FILE.999); a file sent again after a crash resumes")
class Import837Command extends ImportCommand {

    private final ClaimImport claims;

    Import837Command(ClaimImport claims) {
        this.claims = claims;
    }

    @Override
    protected boolean manyFiles() {
        return true;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        long started = System.nanoTime();
        var report = claims.importFile(file, actor());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (report.refused()) {
            return Outcome.refused("nothing stored", List.of("refused: " + report.refusal()));
        }
        List<String> problems = new ArrayList<>();
        report.rejects().forEach(r -> problems.add("rejected " + r));
        String summary = report.counts() + "; took %.1f s".formatted(seconds);
        var ack = claims.acknowledgment(report.fileId());
        if (ack.isPresent()) {
            var ackFile = file.resolveSibling(file.getFileName() + ".999");
            try {
                Files.writeString(ackFile, ack.get(), StandardCharsets.US_ASCII);
                summary += "; 999: " + ackFile;
            } catch (IOException e) {
                problems.add("the 999 could not be written beside the file (" + e.getMessage()
                        + "); it stays with file " + report.fileId());
            }
        }
        return Outcome.applied(report.rejects().size(), summary, problems);
    }
}
