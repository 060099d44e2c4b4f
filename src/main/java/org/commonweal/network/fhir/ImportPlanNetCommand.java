package org.commonweal.network.fhir;

import java.nio.file.Path;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "import-plannet", usage = "import-plannet FILE|DIR",
        summary = "load Plan-Net resources from a JSON Bundle, an NDJSON file or a folder of NDJSON files")
class ImportPlanNetCommand implements OperationalCommand {

    private final PlanNetImport imports;

    ImportPlanNetCommand(PlanNetImport imports) {
        this.imports = imports;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("import-plannet needs one FILE or DIR");
        }
        var report = imports.importPath(Path.of(args.positional().getFirst()), "command import-plannet");
        report.problems().forEach(p -> System.err.println(p));
        System.out.printf("%d resources applied, %d rejected%n", report.applied(), report.rejected());
        return report.rejected() == 0 ? 0 : 2;
    }
}
