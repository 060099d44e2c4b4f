package org.commonweal.network.fhir;

import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-plannet",
        usage = "import-plannet FILE|DIR",
        summary = "load Plan-Net resources from a JSON Bundle, an NDJSON file or a folder of NDJSON files")
class ImportPlanNetCommand extends ImportCommand {

    private final PlanNetImport imports;

    ImportPlanNetCommand(PlanNetImport imports) {
        this.imports = imports;
    }

    @Override
    protected boolean folders() {
        return true;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        var report = imports.importPath(file, actor());
        return Outcome.applied(
                report.rejected(),
                "%d resources applied, %d rejected".formatted(report.applied(), report.rejected()),
                report.problems().stream().map(String::valueOf).toList());
    }
}
