package org.commonweal.grants.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "import-grants", usage = "import-grants FILE.csv",
        summary = "import a grants history (one award per row, layout in docs/grants.md); bad rows are reported")
class ImportGrantsCommand implements OperationalCommand {

    private final GrantHistoryImport importer;

    ImportGrantsCommand(GrantHistoryImport importer) {
        this.importer = importer;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("give one CSV file");
        }
        Path file = Path.of(args.positional().getFirst());
        if (!Files.isReadable(file)) {
            System.err.println("import-grants: cannot read " + file);
            return 1;
        }
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var result = importer.importCsv(reader, "import-grants");
            result.errors().forEach(System.err::println);
            System.out.printf("import-grants: %d awards imported, %d duplicates skipped, %d rows reported%n",
                    result.imported(), result.duplicates(), result.errors().size());
            return result.errors().size() > result.duplicates() ? 3 : 0;
        }
    }
}
