package org.commonweal.network.imports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-roster",
        usage = "import-roster FILE",
        summary = "apply a CSV provider roster (columns in docs/network.md); bad rows are listed, good rows applied")
class ImportRosterCommand extends ImportCommand {

    private final RosterImport rosters;

    ImportRosterCommand(RosterImport rosters) {
        this.rosters = rosters;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var report = rosters.importRoster(file.getFileName().toString(), reader, actor());
            return Outcome.applied(
                    report.rejected(),
                    "%d rows applied, %d rejected".formatted(report.applied(), report.rejected()),
                    report.problems().stream().map(String::valueOf).toList());
        }
    }
}
