package org.commonweal.grants.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-grants",
        usage = "import-grants FILE.csv",
        summary = "import a grants history (one award per row, layout in docs/grants.md); bad rows are reported")
class ImportGrantsCommand extends ImportCommand {

    private final GrantHistoryImport importer;

    ImportGrantsCommand(GrantHistoryImport importer) {
        this.importer = importer;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var result = importer.importCsv(reader, actor());
            String summary = "%d awards imported, %d duplicates skipped, %d rows reported"
                    .formatted(
                            result.imported(),
                            result.duplicates(),
                            result.errors().size());
            // a duplicate is reported but was imported before: not a rejection
            return Outcome.applied(result.errors().size() - result.duplicates(), summary, result.errors());
        }
    }
}
