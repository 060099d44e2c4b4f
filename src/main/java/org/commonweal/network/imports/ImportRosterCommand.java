package org.commonweal.network.imports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "import-roster", usage = "import-roster FILE",
        summary = "apply a CSV provider roster (columns in docs/network.md); bad rows are listed, good rows applied")
class ImportRosterCommand implements OperationalCommand {

    private final RosterImport rosters;

    ImportRosterCommand(RosterImport rosters) {
        this.rosters = rosters;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("import-roster needs one FILE");
        }
        Path file = Path.of(args.positional().getFirst());
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var report = rosters.importRoster(file.getFileName().toString(), reader, "command import-roster");
            report.problems().forEach(p -> System.err.println(file.getFileName() + ": " + p));
            System.out.printf("%s: %d rows applied, %d rejected%n", file.getFileName(), report.applied(),
                    report.rejected());
            return report.rejected() == 0 ? 0 : 2;
        }
    }
}
